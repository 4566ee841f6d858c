using CleanLedger.Domain.Access;

namespace CleanLedger.Application.Staff;

/// <summary>What the platform audit chain says about a member of staff's earlier sign-ins.</summary>
public interface IStaffSignInHistory
{
    /// <summary>The role their latest recorded sign-in gave (null: never signed in, or refused last time).</summary>
    Task<PlatformRole?> LastRoleAsync(Guid staffId, CancellationToken cancellationToken);
}
