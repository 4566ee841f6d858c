using CleanLedger.Domain.Access;

namespace CleanLedger.Domain.Tests.Access;

public class RolePermissionsTests
{
    [Theory]
    [InlineData(OrgRole.Viewer, Permissions.ViewBooks, true)]
    [InlineData(OrgRole.Viewer, Permissions.ExportReports, true)]
    [InlineData(OrgRole.Viewer, Permissions.PostVerifications, false)]
    [InlineData(OrgRole.Viewer, Permissions.UploadDocuments, false)]
    [InlineData(OrgRole.Bookkeeper, Permissions.PostVerifications, true)]
    [InlineData(OrgRole.Bookkeeper, Permissions.ReviewDocuments, true)]
    [InlineData(OrgRole.Bookkeeper, Permissions.LockPeriods, false)]
    [InlineData(OrgRole.Bookkeeper, Permissions.FileVatReturns, false)]
    [InlineData(OrgRole.Accountant, Permissions.LockPeriods, true)]
    [InlineData(OrgRole.Accountant, Permissions.ImportBooks, true)]
    [InlineData(OrgRole.Accountant, Permissions.ManageMembers, false)]
    [InlineData(OrgRole.Owner, Permissions.ManageMembers, true)]
    [InlineData(OrgRole.Owner, Permissions.InviteMembers, true)]
    [InlineData(OrgRole.Accountant, Permissions.InviteMembers, false)]
    [InlineData(OrgRole.Viewer, Permissions.InviteMembers, false)]
    [InlineData(OrgRole.Owner, Permissions.ManageOrganization, true)]
    public void The_matrix_grants_what_each_role_needs(OrgRole role, Permissions permission, bool granted) =>
        role.Grants(permission).ShouldBe(granted);

    [Fact]
    public void Each_role_grants_everything_the_role_below_it_grants()
    {
        var ladder = new[] { OrgRole.Viewer, OrgRole.Bookkeeper, OrgRole.Accountant, OrgRole.Owner };
        for (var i = 1; i < ladder.Length; i++)
        {
            var below = RolePermissions.Of(ladder[i - 1]);
            (RolePermissions.Of(ladder[i]) & below).ShouldBe(below);
            RolePermissions.Of(ladder[i]).ShouldNotBe(below);
        }
    }

    [Fact]
    public void The_owner_holds_every_permission()
    {
        var all = Enum.GetValues<Permissions>().Aggregate(Permissions.None, (sum, permission) => sum | permission);
        RolePermissions.Of(OrgRole.Owner).ShouldBe(all);
    }

    [Fact]
    public void Asking_for_two_permissions_needs_both() =>
        OrgRole.Viewer.Grants(Permissions.ViewBooks | Permissions.PostVerifications).ShouldBeFalse();
}
