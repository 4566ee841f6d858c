using CleanLedger.Domain.Access;

namespace CleanLedger.Application.Common.Security;

/// <summary>Reads a user's role in an organisation (inside that organisation's context).</summary>
public interface IMembershipReader
{
    Task<OrgRole?> FindRoleAsync(Guid orgId, Guid userId, CancellationToken cancellationToken);
}
