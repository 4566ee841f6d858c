using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Identity.GetMe;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.CreateOrganization;
using CleanLedger.Application.Organizations.GetOrganization;
using CleanLedger.Application.Organizations.ListMembers;
using CleanLedger.Application.Organizations.ListOrganizations;
using CleanLedger.Application.Tests.Organizations;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Organizations;
using CleanLedger.Testing;
using FluentValidation;

namespace CleanLedger.Application.Tests.Common;

/// <summary>The pipeline's behaviors (validation, scoping, permission, unit of work) with the real handlers.</summary>
public abstract class PipelineTests<TFixture>(TFixture fixture) : DatabaseTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    private readonly TestUser _alice = TestUser.New("Alice");
    private readonly TestUser _bob = TestUser.New("Bob");

    /// <summary>Far below the busy timeout a refused command would wait for if it took the write lock first.</summary>
    private static readonly TimeSpan RefusalBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Validation_reports_every_invalid_field_and_writes_nothing()
    {
        var invalid = new CreateOrganization("", "556677-8898", VatPeriod.Monthly, "01-15");

        var error = await Should.ThrowAsync<ValidationException>(() => App.SendAsync<OrganizationDetails>(_alice, invalid));

        error.Errors.Select(failure => failure.PropertyName).Distinct().Order()
            .ShouldBe(["FiscalYearStart", "Name", "OrgNumber"]);
        (await App.SendAsync<CallerProfile>(_alice, new GetMe())).Memberships.ShouldBeEmpty();
    }

    [Fact]
    public async Task Validation_runs_before_anything_else_even_for_anonymous_callers() =>
        await Should.ThrowAsync<ValidationException>(() =>
            App.SendAsync<OrganizationDetails>(null, new CreateOrganization("", "x", VatPeriod.Monthly, "01-01")));

    [Fact]
    public async Task Anonymous_callers_are_refused_by_every_scope()
    {
        var org = await App.CreateOrganizationAsync(_alice);

        await Should.ThrowAsync<UnauthenticatedException>(() =>
            App.SendAsync<OrganizationDetails>(null, new CreateOrganization("X AB", "556677-8899", VatPeriod.Monthly, "01-01")));
        await Should.ThrowAsync<UnauthenticatedException>(() => App.SendAsync<OrganizationDetails>(null, new GetOrganization(org.Id)));
        await Should.ThrowAsync<UnauthenticatedException>(() =>
            App.SendAsync<IReadOnlyList<OrganizationDetails>>(null, new ListOrganizations()));
    }

    [Fact]
    public async Task The_creator_owns_the_new_organisation_and_sees_it()
    {
        var org = await App.CreateOrganizationAsync(_alice, "Ölbryggeriet i Åre AB");

        var fetched = await App.SendAsync<OrganizationDetails>(_alice, new GetOrganization(org.Id));
        fetched.ShouldBe(org with { CreatedAt = fetched.CreatedAt });
        fetched.Name.ShouldBe("Ölbryggeriet i Åre AB");
        var me = await App.SendAsync<CallerProfile>(_alice, new GetMe());
        me.Memberships.ShouldHaveSingleItem().ShouldBe(new MembershipSummary(org.Id, org.Name, OrgRole.Owner));
    }

    [Fact]
    public async Task Another_organisations_data_is_not_found_exactly_like_a_missing_one()
    {
        var alicesOrg = await App.CreateOrganizationAsync(_alice);
        await App.CreateOrganizationAsync(_bob);

        var foreign = await Should.ThrowAsync<NotFoundException>(() => App.SendAsync<OrganizationDetails>(_bob, new GetOrganization(alicesOrg.Id)));
        var missing = await Should.ThrowAsync<NotFoundException>(() => App.SendAsync<OrganizationDetails>(_bob, new GetOrganization(Guid.NewGuid())));

        foreign.Resource.ShouldBe(missing.Resource);
        await Should.ThrowAsync<NotFoundException>(() => App.AddMemberAsync(_bob, alicesOrg.Id, _bob, OrgRole.Owner));
        (await App.SendAsync<IReadOnlyList<MemberDetails>>(_alice, new ListMembers(alicesOrg.Id)))
            .Select(member => member.UserId).ShouldBe([_alice.Id]);
    }

    [Fact]
    public async Task A_member_without_the_permission_is_forbidden_and_changes_nothing()
    {
        var org = await App.CreateOrganizationAsync(_alice);
        await App.AddMemberAsync(_alice, org.Id, _bob, OrgRole.Accountant);

        await Should.ThrowAsync<ForbiddenException>(() => App.AddMemberAsync(_bob, org.Id, _bob, OrgRole.Owner));

        var members = await App.SendAsync<IReadOnlyList<MemberDetails>>(_alice, new ListMembers(org.Id));
        members.Single(member => member.UserId == _bob.Id).Role.ShouldBe(OrgRole.Accountant);
    }

    [Fact]
    public async Task A_viewer_reads_but_does_not_manage()
    {
        var org = await App.CreateOrganizationAsync(_alice);
        await App.AddMemberAsync(_alice, org.Id, _bob, OrgRole.Viewer);

        (await App.SendAsync<OrganizationDetails>(_bob, new GetOrganization(org.Id))).Id.ShouldBe(org.Id);
        (await App.SendAsync<IReadOnlyList<MemberDetails>>(_bob, new ListMembers(org.Id))).Count.ShouldBe(2);
        await Should.ThrowAsync<ForbiddenException>(() => App.AddMemberAsync(_bob, org.Id, TestUser.New("Carol"), OrgRole.Viewer));
    }

    [Fact]
    public async Task A_refused_command_is_answered_while_another_writer_holds_the_write_lock()
    {
        var org = await App.CreateOrganizationAsync(_alice);
        await App.AddMemberAsync(_alice, org.Id, _bob, OrgRole.Viewer);
        var stranger = TestUser.New("Mallory");

        await using (await WriteLock.HoldAsync(Fixture.Database))
        {
            // Waiting for the lock would take the engine's busy timeout (30 s) and then fail. On
            // threads of their own: SQLite waits for its write lock synchronously.
            await Should.ThrowAsync<ForbiddenException>(
                Task.Run(() => App.AddMemberAsync(_bob, org.Id, stranger, OrgRole.Owner)).WaitAsync(RefusalBound));
            await Should.ThrowAsync<NotFoundException>(
                Task.Run(() => App.AddMemberAsync(stranger, org.Id, stranger, OrgRole.Owner)).WaitAsync(RefusalBound));
        }

        (await App.SendAsync<IReadOnlyList<MemberDetails>>(_alice, new ListMembers(org.Id))).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_command_waiting_for_the_write_lock_is_checked_again_inside_it()
    {
        var org = await App.CreateOrganizationAsync(_alice);
        await App.AddMemberAsync(_alice, org.Id, _bob, OrgRole.Owner);
        var carol = TestUser.New("Carol");

        Task<MemberDetails> waiting;
        await using (var writeLock = await WriteLock.HoldAsync(Fixture.Database))
        {
            // On a thread of its own: SQLite waits for its write lock synchronously.
            waiting = Task.Run(() => App.AddMemberAsync(_bob, org.Id, carol, OrgRole.Accountant));
            // Time for Bob's command to pass its first check and queue for the lock (were it
            // slower, that check would see the demotion and refuse just the same).
            await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromMilliseconds(500)));
            waiting.IsCompleted.ShouldBeFalse();
            await writeLock.CommitAsync($"UPDATE memberships SET role = 'viewer' WHERE org_id = '{org.Id}' AND user_id = '{_bob.Id}'");
        }

        await Should.ThrowAsync<ForbiddenException>(waiting);
        (await App.SendAsync<IReadOnlyList<MemberDetails>>(_alice, new ListMembers(org.Id)))
            .Select(member => member.UserId).ShouldNotContain(carol.Id);
    }

    [Fact]
    public async Task An_owner_cannot_demote_themselves()
    {
        var org = await App.CreateOrganizationAsync(_alice);

        await Should.ThrowAsync<ForbiddenException>(() => App.AddMemberAsync(_alice, org.Id, _alice, OrgRole.Viewer));

        var me = await App.SendAsync<CallerProfile>(_alice, new GetMe());
        me.Memberships.ShouldHaveSingleItem().Role.ShouldBe(OrgRole.Owner);
    }

    [Fact]
    public async Task Only_platform_admins_list_every_organisation()
    {
        var alicesOrg = await App.CreateOrganizationAsync(_alice, "Alice AB");
        var bobsOrg = await App.CreateOrganizationAsync(_bob, "Bob AB");

        await Should.ThrowAsync<ForbiddenException>(() => App.SendAsync<IReadOnlyList<OrganizationDetails>>(_alice, new ListOrganizations()));

        var all = await App.SendAsync<IReadOnlyList<OrganizationDetails>>(TestUser.Admin("Support"), new ListOrganizations());
        all.Select(org => org.Id).ShouldBe([alicesOrg.Id, bobsOrg.Id]);
    }

    [Fact]
    public async Task A_platform_admin_acts_in_any_organisation_but_not_in_a_missing_one()
    {
        var org = await App.CreateOrganizationAsync(_alice);
        var admin = TestUser.Admin("Support");

        (await App.SendAsync<OrganizationDetails>(admin, new GetOrganization(org.Id))).Id.ShouldBe(org.Id);
        await App.AddMemberAsync(admin, org.Id, _bob, OrgRole.Bookkeeper);
        await Should.ThrowAsync<NotFoundException>(() => App.AddMemberAsync(admin, Guid.NewGuid(), _bob, OrgRole.Bookkeeper));

        (await App.SendAsync<CallerProfile>(_bob, new GetMe())).Memberships.ShouldHaveSingleItem().Role.ShouldBe(OrgRole.Bookkeeper);
    }
}

public sealed class PipelineTestsOnPostgres(PostgresFixture fixture) : PipelineTests<PostgresFixture>(fixture);

public sealed class PipelineTestsOnSqlite(SqliteFixture fixture) : PipelineTests<SqliteFixture>(fixture);
