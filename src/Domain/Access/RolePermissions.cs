namespace CleanLedger.Domain.Access;

/// <summary>
/// The permission matrix. A viewer reads and exports; a bookkeeper also records the day-to-day
/// books; an accountant also closes periods, files VAT, imports and keeps documents under legal
/// hold (a tax audit, a dispute); the owner also manages the organisation and who may see it, and
/// invites new members.
/// </summary>
public static class RolePermissions
{
    private const Permissions Viewer = Permissions.ViewBooks | Permissions.ExportReports;

    private const Permissions Bookkeeper = Viewer
        | Permissions.UploadDocuments
        | Permissions.PostVerifications
        | Permissions.ReverseVerifications
        | Permissions.ReviewDocuments;

    private const Permissions Accountant = Bookkeeper
        | Permissions.LockPeriods
        | Permissions.ManageFiscalYears
        | Permissions.FileVatReturns
        | Permissions.ImportBooks
        | Permissions.ManageChartOfAccounts
        | Permissions.PlaceLegalHolds;

    private const Permissions Owner = Accountant | Permissions.ManageMembers | Permissions.InviteMembers | Permissions.ManageOrganization;

    public static Permissions Of(OrgRole role) => role switch
    {
        OrgRole.Viewer => Viewer,
        OrgRole.Bookkeeper => Bookkeeper,
        OrgRole.Accountant => Accountant,
        OrgRole.Owner => Owner,
        _ => Permissions.None,
    };

    public static bool Grants(this OrgRole role, Permissions required) => (Of(role) & required) == required;
}
