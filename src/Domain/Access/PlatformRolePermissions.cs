namespace CleanLedger.Domain.Access;

/// <summary>
/// The platform permission matrix (docs/adr/0021). Support reads: organisations, their books,
/// the audit chains and the jobs. An operator also re-runs jobs, reviews the outbox and reads the
/// pipeline's metrics. An admin also recovers organisations (and repairs their membership) and
/// rotates the signing keys. The automation actor may only what the background jobs do: find
/// unfinished work, process receipts, run imports and rotate the signing keys.
/// </summary>
public static class PlatformRolePermissions
{
    private const PlatformPermissions Support = PlatformPermissions.ViewOrganizations | PlatformPermissions.VerifyAudit | PlatformPermissions.ViewJobs;

    private const PlatformPermissions Operator = Support | PlatformPermissions.RerunJobs | PlatformPermissions.ReviewOutbox | PlatformPermissions.ViewMetrics;

    private const PlatformPermissions Admin = Operator | PlatformPermissions.RecoverOrganizations | PlatformPermissions.RotateSigningKeys;

    private const PlatformPermissions Automation = PlatformPermissions.FindUnfinishedWork | PlatformPermissions.RotateSigningKeys;

    /// <summary>Staff read any organisation's books; only an admin changes who belongs to one.</summary>
    private const Permissions StaffInOrganizations = Permissions.ViewBooks;

    private const Permissions AdminInOrganizations = StaffInOrganizations | Permissions.ManageMembers | Permissions.InviteMembers;

    /// <summary>Reading a receipt into a proposed verification, and running an uploaded SIE import.</summary>
    private const Permissions AutomationInOrganizations = Permissions.PostVerifications | Permissions.ImportBooks;

    public static PlatformPermissions Of(PlatformRole role) => role switch
    {
        PlatformRole.Support => Support,
        PlatformRole.Operator => Operator,
        PlatformRole.Admin => Admin,
        PlatformRole.Automation => Automation,
        _ => PlatformPermissions.None,
    };

    /// <summary>What the role may do inside every organisation, without being a member of it.</summary>
    public static Permissions InOrganizations(PlatformRole role) => role switch
    {
        PlatformRole.Support or PlatformRole.Operator => StaffInOrganizations,
        PlatformRole.Admin => AdminInOrganizations,
        PlatformRole.Automation => AutomationInOrganizations,
        _ => Permissions.None,
    };

    public static bool Grants(this PlatformRole role, PlatformPermissions required) => (Of(role) & required) == required;

    public static bool GrantsInOrganizations(this PlatformRole role, Permissions required) => (InOrganizations(role) & required) == required;
}
