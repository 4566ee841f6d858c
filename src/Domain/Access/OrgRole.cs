namespace CleanLedger.Domain.Access;

/// <summary>A user's role inside one organisation.</summary>
public enum OrgRole
{
    Viewer,
    Bookkeeper,
    Accountant,
    Owner,
}
