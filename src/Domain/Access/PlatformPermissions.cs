namespace CleanLedger.Domain.Access;

/// <summary>What a platform-wide use case, Admin page or dashboard action needs from the caller's platform role.</summary>
[Flags]
public enum PlatformPermissions
{
    None = 0,
    ViewOrganizations = 1 << 0,
    VerifyAudit = 1 << 1,
    ViewJobs = 1 << 2,
    RerunJobs = 1 << 3,
    ReviewOutbox = 1 << 4,
    ViewMetrics = 1 << 5,
    RecoverOrganizations = 1 << 6,
    FindUnfinishedWork = 1 << 7,
    RotateSigningKeys = 1 << 8,
}
