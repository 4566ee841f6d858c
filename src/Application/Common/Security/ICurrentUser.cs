using CleanLedger.Domain.Access;

namespace CleanLedger.Application.Common.Security;

/// <summary>Who is calling. Implemented by each host from its own authentication.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    Guid UserId { get; }

    string DisplayName { get; }

    /// <summary>The caller's role on the platform as a whole (staff, automation); null for the organisations' own users.</summary>
    PlatformRole? PlatformRole { get; }
}
