using CleanLedger.Application.Audit.VerifyAuditChains;
using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.CreateOrganization;
using CleanLedger.Application.Organizations.GetOrganization;
using CleanLedger.Application.Organizations.GrantOwner;
using CleanLedger.Application.Organizations.ListMembers;
using CleanLedger.Application.Organizations.ListOrganizations;
using CleanLedger.Application.Receipts.ProcessReceipt;
using CleanLedger.Application.Staff.RecordJobAction;
using CleanLedger.Application.Tests.Organizations;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Organizations;
using CleanLedger.Testing;
using Mediator;

namespace CleanLedger.Application.Tests.Common;

/// <summary>Platform roles through the real pipeline: each does what its permissions say, the automation actor only the jobs' work.</summary>
public abstract class PlatformRoleTests<TFixture>(TFixture fixture) : DatabaseTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    private readonly TestUser _owner = TestUser.New("Olle Ägare");
    private readonly TestUser _member = TestUser.New("Maja Medlem");
    private readonly TestUser _automation = new(SystemActor.AutomationId, SystemActor.AutomationName, PlatformRole.Automation);
    private readonly TestUser _support = TestUser.Staff("Stina Support", PlatformRole.Support);
    private readonly TestUser _operator = TestUser.Staff("Otto Operatör", PlatformRole.Operator);

    [Fact]
    public async Task The_automation_actor_cannot_do_admin_only_work_nor_read_the_back_office()
    {
        var org = await OrganizationWithMemberAsync();

        await Should.ThrowAsync<ForbiddenException>(() => App.SendAsync<MemberDetails>(_automation, new GrantOwner(org.Id, _member.Id, "Ägaren har lämnat")));
        await Should.ThrowAsync<ForbiddenException>(() => App.AddMemberAsync(_automation, org.Id, _member, OrgRole.Owner));
        await Should.ThrowAsync<ForbiddenException>(() => App.SendAsync<IReadOnlyList<OrganizationDetails>>(_automation, new ListOrganizations()));
        await Should.ThrowAsync<ForbiddenException>(() => App.SendAsync<AuditVerification>(_automation, new VerifyAuditChains()));
        await Should.ThrowAsync<ForbiddenException>(() => App.SendAsync<OrganizationDetails>(_automation, new GetOrganization(org.Id)));
        await Should.ThrowAsync<ForbiddenException>(() => App.SendAsync<Unit>(_automation, new RecordJobAction("requeue", "42", null)));

        (await MembersAsync(org.Id)).Single(member => member.UserId == _member.Id).Role.ShouldBe(OrgRole.Viewer);
    }

    [Fact]
    public async Task The_automation_actor_finds_the_unfinished_work_its_jobs_run_again() =>
        (await App.SendAsync<IReadOnlyList<(Guid, Guid)>>(_automation, new FindUnfinishedReceipts(DateTimeOffset.UtcNow, 10))).ShouldBeEmpty();

    [Fact]
    public async Task Support_and_operators_read_any_organisation_but_change_no_membership_and_recover_nothing()
    {
        var org = await OrganizationWithMemberAsync();

        foreach (var staff in new[] { _support, _operator })
        {
            (await App.SendAsync<OrganizationDetails>(staff, new GetOrganization(org.Id))).Id.ShouldBe(org.Id);
            (await App.SendAsync<IReadOnlyList<OrganizationDetails>>(staff, new ListOrganizations())).ShouldContain(listed => listed.Id == org.Id);
            await Should.ThrowAsync<ForbiddenException>(() => App.SendAsync<MemberDetails>(staff, new GrantOwner(org.Id, _member.Id, "Ägaren har lämnat")));
            await Should.ThrowAsync<ForbiddenException>(() => App.AddMemberAsync(staff, org.Id, _member, OrgRole.Owner));
        }

        (await MembersAsync(org.Id)).Single(member => member.UserId == _member.Id).Role.ShouldBe(OrgRole.Viewer);
    }

    [Fact]
    public async Task Only_operators_and_admins_may_act_on_jobs()
    {
        await Should.ThrowAsync<ForbiddenException>(() => App.SendAsync<Unit>(_support, new RecordJobAction("requeue", "42", null)));

        await App.SendAsync<Unit>(_operator, new RecordJobAction("requeue", "42", "ProcessReceiptJob.RunAsync"));
        await App.SendAsync<Unit>(TestUser.Admin("Ada Admin"), new RecordJobAction("delete", "43", null));
    }

    private async Task<OrganizationDetails> OrganizationWithMemberAsync()
    {
        var org = await App.SendAsync<OrganizationDetails>(_owner, new CreateOrganization("Roll AB", "556677-8899", VatPeriod.Quarterly, "01-01"));
        await App.AddMemberAsync(_owner, org.Id, _member, OrgRole.Viewer);
        return org;
    }

    private Task<IReadOnlyList<MemberDetails>> MembersAsync(Guid orgId) =>
        App.SendAsync<IReadOnlyList<MemberDetails>>(_owner, new ListMembers(orgId));
}

public sealed class PlatformRoleTestsOnPostgres(PostgresFixture fixture) : PlatformRoleTests<PostgresFixture>(fixture);

public sealed class PlatformRoleTestsOnSqlite(SqliteFixture fixture) : PlatformRoleTests<SqliteFixture>(fixture);
