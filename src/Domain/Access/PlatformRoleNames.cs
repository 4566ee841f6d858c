namespace CleanLedger.Domain.Access;

public static class PlatformRoleNames
{
    /// <summary>The role as role claims and the audit chain spell it: "support", "operator", "admin", "automation".</summary>
    public static string Name(this PlatformRole role) => role.ToString().ToLowerInvariant();

    /// <summary>
    /// The role a member of staff holds, from the role names an identity provider gives them: the
    /// highest staff role named; none when no staff role is named. Automation is never granted by name.
    /// </summary>
    public static PlatformRole? StaffRoleNamed(IEnumerable<string> names)
    {
        var named = names.ToHashSet(StringComparer.Ordinal);
        return StaffRoles.Where(role => named.Contains(role.Name())).Select(role => (PlatformRole?)role).LastOrDefault();
    }

    /// <summary>The roles staff can hold, least to most privileged.</summary>
    public static readonly IReadOnlyList<PlatformRole> StaffRoles = [PlatformRole.Support, PlatformRole.Operator, PlatformRole.Admin];
}
