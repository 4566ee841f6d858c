namespace CleanLedger.Infrastructure.Security;

/// <summary>
/// Who an unauthenticated request is in local/test/ci: the owner of the seeded demo organisation
/// (Api), or the local platform admin (Admin's sign-in page).
/// </summary>
public static class StubUser
{
    public static readonly Guid AdminId = new("5e1f0000-0000-4000-8000-0000000ad111");

    public const string AdminDisplayName = "Local Admin";

    public static readonly Guid Id = new("5e1f0000-0000-4000-8000-00000000a11c");

    public const string DisplayName = "Demo User";

    public const string DemoOrganizationName = "Demo AB";

    public const string DemoOrgNumber = "556677-8899";
}
