namespace CleanLedger.Domain.Access;

/// <summary>What a use case needs from the caller's role in the organisation it touches.</summary>
[Flags]
public enum Permissions
{
    None = 0,
    ViewBooks = 1 << 0,
    UploadDocuments = 1 << 1,
    PostVerifications = 1 << 2,
    ReverseVerifications = 1 << 3,
    ReviewDocuments = 1 << 4,
    ExportReports = 1 << 5,
    LockPeriods = 1 << 6,
    ManageFiscalYears = 1 << 7,
    FileVatReturns = 1 << 8,
    ImportBooks = 1 << 9,
    ManageMembers = 1 << 10,
    ManageOrganization = 1 << 11,
    ManageChartOfAccounts = 1 << 12,
    InviteMembers = 1 << 13,
    PlaceLegalHolds = 1 << 14,
}
