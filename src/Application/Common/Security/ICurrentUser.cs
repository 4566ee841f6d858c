namespace CleanLedger.Application.Common.Security;

/// <summary>Who is calling. Implemented by each host from its own authentication.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    Guid UserId { get; }

    string DisplayName { get; }

    bool IsPlatformAdmin { get; }
}
