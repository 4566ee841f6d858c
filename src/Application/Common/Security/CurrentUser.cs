using CleanLedger.Domain.Access;

namespace CleanLedger.Application.Common.Security;

/// <summary>
/// The scope's caller, set once by whoever opens the scope: the host's authentication for a
/// request, a job for the organisation it works in, a seeding or maintenance task.
/// </summary>
public sealed class CurrentUser : ICurrentUser
{
    public bool IsAuthenticated { get; private set; }

    public Guid UserId { get; private set; }

    public string DisplayName { get; private set; } = "";

    public PlatformRole? PlatformRole { get; private set; }

    public void SignIn(Guid userId, string displayName, PlatformRole? platformRole = null)
    {
        if (IsAuthenticated && userId != UserId)
            throw new InvalidOperationException("This scope already acts for another user.");
        (IsAuthenticated, UserId, DisplayName, PlatformRole) = (true, userId, displayName, platformRole);
    }
}
