using CleanLedger.Domain.Access;

namespace CleanLedger.Domain.Tests.Access;

public class PlatformRolePermissionsTests
{
    [Theory]
    [InlineData(PlatformRole.Support, PlatformPermissions.ViewOrganizations, true)]
    [InlineData(PlatformRole.Support, PlatformPermissions.ViewJobs, true)]
    [InlineData(PlatformRole.Support, PlatformPermissions.RerunJobs, false)]
    [InlineData(PlatformRole.Support, PlatformPermissions.ReviewOutbox, false)]
    [InlineData(PlatformRole.Operator, PlatformPermissions.RerunJobs, true)]
    [InlineData(PlatformRole.Operator, PlatformPermissions.ReviewOutbox, true)]
    [InlineData(PlatformRole.Operator, PlatformPermissions.RecoverOrganizations, false)]
    [InlineData(PlatformRole.Admin, PlatformPermissions.RecoverOrganizations, true)]
    [InlineData(PlatformRole.Admin, PlatformPermissions.RotateSigningKeys, true)]
    [InlineData(PlatformRole.Automation, PlatformPermissions.FindUnfinishedWork, true)]
    [InlineData(PlatformRole.Automation, PlatformPermissions.RotateSigningKeys, true)]
    [InlineData(PlatformRole.Automation, PlatformPermissions.RecoverOrganizations, false)]
    [InlineData(PlatformRole.Automation, PlatformPermissions.ViewOrganizations, false)]
    [InlineData(PlatformRole.Automation, PlatformPermissions.RerunJobs, false)]
    public void The_matrix_grants_what_each_platform_role_needs(PlatformRole role, PlatformPermissions permission, bool granted) =>
        role.Grants(permission).ShouldBe(granted);

    [Fact]
    public void Each_staff_role_grants_everything_the_role_below_it_grants_and_more()
    {
        var ladder = PlatformRoleNames.StaffRoles;
        for (var i = 1; i < ladder.Count; i++)
        {
            var below = PlatformRolePermissions.Of(ladder[i - 1]);
            (PlatformRolePermissions.Of(ladder[i]) & below).ShouldBe(below);
            PlatformRolePermissions.Of(ladder[i]).ShouldNotBe(below);
        }
    }

    [Theory]
    [InlineData(PlatformRole.Support, Permissions.ViewBooks, true)]
    [InlineData(PlatformRole.Support, Permissions.ExportReports, false)]
    [InlineData(PlatformRole.Operator, Permissions.PostVerifications, false)]
    [InlineData(PlatformRole.Admin, Permissions.ManageMembers, true)]
    [InlineData(PlatformRole.Admin, Permissions.PostVerifications, false)]
    [InlineData(PlatformRole.Admin, Permissions.LockPeriods, false)]
    [InlineData(PlatformRole.Automation, Permissions.PostVerifications, true)]
    [InlineData(PlatformRole.Automation, Permissions.ImportBooks, true)]
    [InlineData(PlatformRole.Automation, Permissions.ManageMembers, false)]
    [InlineData(PlatformRole.Automation, Permissions.ViewBooks, false)]
    public void Inside_an_organisation_staff_read_and_only_the_automation_records_books(PlatformRole role, Permissions permission, bool granted) =>
        role.GrantsInOrganizations(permission).ShouldBe(granted);

    [Fact]
    public void The_automation_holds_nothing_a_staff_page_needs()
    {
        var staffPages = PlatformPermissions.ViewOrganizations | PlatformPermissions.VerifyAudit | PlatformPermissions.ViewJobs
            | PlatformPermissions.RerunJobs | PlatformPermissions.ReviewOutbox | PlatformPermissions.RecoverOrganizations;

        (PlatformRolePermissions.Of(PlatformRole.Automation) & staffPages).ShouldBe(PlatformPermissions.None);
    }

    [Theory]
    [InlineData(new[] { "support" }, PlatformRole.Support)]
    [InlineData(new[] { "operator", "support" }, PlatformRole.Operator)]
    [InlineData(new[] { "accountant", "admin" }, PlatformRole.Admin)]
    [InlineData(new[] { "automation" }, null)]
    [InlineData(new[] { "Admin" }, null)]
    [InlineData(new string[0], null)]
    public void A_staff_member_holds_the_highest_staff_role_the_provider_names(string[] names, PlatformRole? role) =>
        PlatformRoleNames.StaffRoleNamed(names).ShouldBe(role);
}
