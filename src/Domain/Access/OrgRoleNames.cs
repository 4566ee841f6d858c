namespace CleanLedger.Domain.Access;

public static class OrgRoleNames
{
    /// <summary>The role as the API, the database and the audit trail spell it: "owner", "bookkeeper", ….</summary>
    public static string Name(this OrgRole role) => role.ToString().ToLowerInvariant();
}
