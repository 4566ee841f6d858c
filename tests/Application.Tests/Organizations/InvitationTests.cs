using CleanLedger.Application.Audit.VerifyAuditChains;
using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Ledger;
using CleanLedger.Application.Ledger.Audit.ListAuditEvents;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.GrantOwner;
using CleanLedger.Application.Organizations.Invitations;
using CleanLedger.Application.Organizations.Invitations.CreateInvitation;
using CleanLedger.Application.Organizations.Invitations.ListInvitations;
using CleanLedger.Application.Organizations.Invitations.RedeemInvitation;
using CleanLedger.Application.Organizations.Invitations.RevokeInvitation;
using CleanLedger.Application.Organizations.ListMembers;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Organizations;
using CleanLedger.Testing;
using FluentValidation;

namespace CleanLedger.Application.Tests.Organizations;

/// <summary>Invitations by one-time code, and recovery of an organisation by a platform admin, on both engines.</summary>
public abstract class InvitationTests<TFixture>(TFixture fixture) : DatabaseTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    private const int ParallelRedeems = 10;
    private readonly TestUser _owner = TestUser.New("Olivia Owner");
    private readonly TestUser _bob = TestUser.New("Bob Bokförare");
    private readonly TestUser _carol = TestUser.New("Carol");
    private readonly TestUser _staff = TestUser.Admin("Stina Support");
    private OrganizationDetails _org = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _org = await App.CreateOrganizationAsync(_owner);
    }

    [Theory]
    [InlineData(OrgRole.Viewer)]
    [InlineData(OrgRole.Bookkeeper)]
    [InlineData(OrgRole.Owner)]
    public async Task The_invitee_becomes_a_member_in_exactly_the_invited_role(OrgRole role)
    {
        var invitation = await InviteAsync(role, email: "bob@example.se");
        invitation.ExpiresAt.ShouldBeInRange(DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(7));

        var redeemed = await RedeemAsync(_bob, invitation.Code);

        redeemed.ShouldBe(new RedeemedInvitation(_org.Id, role));
        (await MembersAsync()).Single(member => member.UserId == _bob.Id).Role.ShouldBe(role);
        (await PendingAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_used_code_is_gone_for_the_next_person_and_adds_nobody()
    {
        var invitation = await InviteAsync(OrgRole.Bookkeeper);
        await RedeemAsync(_bob, invitation.Code);

        await Should.ThrowAsync<GoneException>(() => RedeemAsync(_carol, invitation.Code));

        (await MembersAsync()).Select(member => member.UserId).ShouldBe([_owner.Id, _bob.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task An_expired_code_is_gone()
    {
        var invitation = await InviteAsync(OrgRole.Bookkeeper);
        await using var eightDaysLater = new ApplicationHarness(App.Database, clock: new FixedClock(DateTimeOffset.UtcNow.AddDays(8)));

        await Should.ThrowAsync<GoneException>(() => eightDaysLater.SendAsync<RedeemedInvitation>(_bob, new RedeemInvitation(invitation.Code)));

        (await MembersAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_revoked_code_is_gone_and_the_invitation_leaves_the_pending_list()
    {
        var kept = await InviteAsync(OrgRole.Viewer, note: "Revisorn");
        var revoked = await InviteAsync(OrgRole.Bookkeeper);

        await App.SendAsync<Mediator.Unit>(_owner, new RevokeInvitation(_org.Id, revoked.Id));

        await Should.ThrowAsync<GoneException>(() => RedeemAsync(_bob, revoked.Code));
        (await PendingAsync()).Select(pending => (pending.Id, pending.Role, pending.Note)).ShouldBe([(kept.Id, OrgRole.Viewer, "Revisorn")]);
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync<Mediator.Unit>(_owner, new RevokeInvitation(_org.Id, revoked.Id)));
    }

    [Fact]
    public async Task An_unknown_or_altered_code_is_not_found_and_names_no_organisation()
    {
        var other = await App.CreateOrganizationAsync(_carol, "Annan AB");
        var invitation = await InviteAsync(OrgRole.Owner);
        var forOtherOrg = WithOrganization(invitation.Code, other.Id);

        foreach (var code in new[] { "not-a-code", InvitationCode.New(_org.Id).Value, forOtherOrg })
        {
            var refused = await Should.ThrowAsync<NotFoundException>(() => RedeemAsync(_bob, code));
            refused.Message.ShouldNotContain(_org.Id.ToString());
            refused.Message.ShouldNotContain(other.Id.ToString());
        }

        (await App.SendAsync<IReadOnlyList<MemberDetails>>(_carol, new ListMembers(other.Id))).ShouldHaveSingleItem();
        (await RedeemAsync(_bob, invitation.Code)).Role.ShouldBe(OrgRole.Owner);
    }

    [Fact]
    public async Task A_member_redeeming_conflicts_and_the_code_stays_usable_for_the_invitee()
    {
        var invitation = await InviteAsync(OrgRole.Owner);
        await App.AddMemberAsync(_owner, _org.Id, _bob, OrgRole.Viewer);

        await Should.ThrowAsync<ConflictException>(() => RedeemAsync(_bob, invitation.Code));

        (await MembersAsync()).Single(member => member.UserId == _bob.Id).Role.ShouldBe(OrgRole.Viewer);
        (await RedeemAsync(_carol, invitation.Code)).Role.ShouldBe(OrgRole.Owner);
    }

    [Theory]
    [InlineData(OrgRole.Viewer)]
    [InlineData(OrgRole.Accountant)]
    public async Task Only_owners_invite_or_see_invitations(OrgRole role)
    {
        await App.AddMemberAsync(_owner, _org.Id, _bob, role);

        await Should.ThrowAsync<ForbiddenException>(() => App.SendAsync<CreatedInvitation>(_bob, new CreateInvitation(_org.Id, OrgRole.Owner, null, null)));
        await Should.ThrowAsync<ForbiddenException>(() => App.SendAsync<IReadOnlyList<InvitationDetails>>(_bob, new ListInvitations(_org.Id)));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync<CreatedInvitation>(_carol, new CreateInvitation(_org.Id, OrgRole.Owner, null, null)));
    }

    [Fact]
    public async Task Ten_parallel_redeems_of_one_code_add_exactly_one_member()
    {
        var invitation = await InviteAsync(OrgRole.Bookkeeper);
        var people = Enumerable.Range(1, ParallelRedeems).Select(i => TestUser.New($"Person {i}")).ToList();

        var outcomes = await Task.WhenAll(people.Select(async person =>
        {
            try
            {
                await RedeemAsync(person, invitation.Code);
                return "member";
            }
            catch (GoneException)
            {
                return "gone";
            }
        }));

        outcomes.Count(outcome => outcome == "member").ShouldBe(1);
        outcomes.Count(outcome => outcome == "gone").ShouldBe(ParallelRedeems - 1);
        (await MembersAsync()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Creating_redeeming_and_revoking_are_audited_in_the_verifying_chain_without_the_code()
    {
        var redeemed = await InviteAsync(OrgRole.Bookkeeper);
        await RedeemAsync(_bob, redeemed.Code);
        var revoked = await InviteAsync(OrgRole.Viewer);
        await App.SendAsync<Mediator.Unit>(_owner, new RevokeInvitation(_org.Id, revoked.Id));

        var events = await App.SendAsync<IReadOnlyList<AuditEvent>>(_owner, new ListAuditEvents(_org.Id));

        events.Select(e => (e.Action, e.Subject)).Take(4).ShouldBe(
        [
            ("invitation.revoked", $"invitation/{revoked.Id}"),
            ("invitation.created", $"invitation/{revoked.Id}"),
            ("invitation.redeemed", $"invitation/{redeemed.Id}"),
            ("invitation.created", $"invitation/{redeemed.Id}"),
        ]);
        events.ShouldAllBe(e => !e.Details.Contains(redeemed.Code) && !e.Details.Contains(revoked.Code));
        (await App.SendAsync<AuditVerification>(_staff, new VerifyAuditChains(_org.Id))).Verified.ShouldBeTrue();
    }

    [Fact]
    public async Task A_role_change_by_an_owner_is_audited_in_the_chain()
    {
        await App.AddMemberAsync(_owner, _org.Id, _bob, OrgRole.Accountant);

        var recorded = (await App.SendAsync<IReadOnlyList<AuditEvent>>(_owner, new ListAuditEvents(_org.Id)))[0];

        (recorded.Action, recorded.Subject, recorded.UserId).ShouldBe(("member.role_set", $"member/{_bob.Id}", _owner.Id));
        recorded.Details.ShouldContain("\"role\":\"accountant\"");
        (await App.SendAsync<AuditVerification>(_staff, new VerifyAuditChains(_org.Id))).Verified.ShouldBeTrue();
    }

    [Fact]
    public async Task A_platform_admin_recovers_an_organisation_with_a_reason_recorded_in_its_chain()
    {
        await App.AddMemberAsync(_owner, _org.Id, _bob, OrgRole.Accountant);

        var granted = await App.SendAsync<MemberDetails>(_staff, new GrantOwner(_org.Id, _bob.Id, "Ägaren avliden; bouppteckning visad 2026-12-01"));

        granted.Role.ShouldBe(OrgRole.Owner);
        var recorded = (await App.SendAsync<IReadOnlyList<AuditEvent>>(_bob, new ListAuditEvents(_org.Id)))[0];
        (recorded.Action, recorded.Subject, recorded.UserId).ShouldBe(("organization.owner_granted", $"member/{_bob.Id}", _staff.Id));
        recorded.Details.ShouldContain("bouppteckning");
        recorded.Details.ShouldContain(_staff.Id.ToString());
        (await App.SendAsync<AuditVerification>(_staff, new VerifyAuditChains(_org.Id))).Verified.ShouldBeTrue();
    }

    [Fact]
    public async Task Recovery_needs_a_platform_admin_a_reason_and_an_existing_member()
    {
        await App.AddMemberAsync(_owner, _org.Id, _bob, OrgRole.Viewer);

        await Should.ThrowAsync<ForbiddenException>(() => App.SendAsync<MemberDetails>(_owner, new GrantOwner(_org.Id, _bob.Id, "Jag vill")));
        await Should.ThrowAsync<ValidationException>(() => App.SendAsync<MemberDetails>(_staff, new GrantOwner(_org.Id, _bob.Id, "  ")));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync<MemberDetails>(_staff, new GrantOwner(_org.Id, _carol.Id, "Ny ägare")));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync<MemberDetails>(_staff, new GrantOwner(Guid.NewGuid(), _bob.Id, "Ny ägare")));

        (await MembersAsync()).Single(member => member.UserId == _bob.Id).Role.ShouldBe(OrgRole.Viewer);
    }

    private Task<CreatedInvitation> InviteAsync(OrgRole role, string? email = null, string? note = null) =>
        App.SendAsync<CreatedInvitation>(_owner, new CreateInvitation(_org.Id, role, email, note));

    private Task<RedeemedInvitation> RedeemAsync(TestUser user, string code) =>
        App.SendAsync<RedeemedInvitation>(user, new RedeemInvitation(code));

    private Task<IReadOnlyList<MemberDetails>> MembersAsync() =>
        App.SendAsync<IReadOnlyList<MemberDetails>>(_owner, new ListMembers(_org.Id));

    private Task<IReadOnlyList<InvitationDetails>> PendingAsync() =>
        App.SendAsync<IReadOnlyList<InvitationDetails>>(_owner, new ListInvitations(_org.Id));

    // The same secret, relabelled with another organisation's id.
    private static string WithOrganization(string code, Guid orgId)
    {
        var bytes = Convert.FromBase64String(code.Replace('-', '+').Replace('_', '/').PadRight((code.Length + 3) / 4 * 4, '='));
        orgId.TryWriteBytes(bytes.AsSpan(0, 16), bigEndian: true, out _);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}

public sealed class InvitationTestsOnPostgres(PostgresFixture fixture) : InvitationTests<PostgresFixture>(fixture);

public sealed class InvitationTestsOnSqlite(SqliteFixture fixture) : InvitationTests<SqliteFixture>(fixture);
