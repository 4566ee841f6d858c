using System.Net;
using AngleSharp.Html.Dom;
using CleanLedger.Application.Audit.VerifyAuditChains;
using CleanLedger.Application.Ledger;
using CleanLedger.Application.Ledger.Audit.ListAuditEvents;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.CreateOrganization;
using CleanLedger.Application.Organizations.ListMembers;
using CleanLedger.Application.Organizations.SetMemberRole;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Organizations;
using CleanLedger.Infrastructure.Security;
using CleanLedger.Testing;

namespace CleanLedger.Admin.Tests;

/// <summary>Organisation recovery through the Admin's form, on both engines.</summary>
public abstract class RecoveryPageTests<TFactory>(TFactory factory) : IClassFixture<TFactory>, IAsyncLifetime
    where TFactory : AdminFactory
{
    private readonly TestUser _owner = TestUser.New("Alice Åkesson");
    private readonly TestUser _bob = TestUser.New("Bob Öhman");

    public Task InitializeAsync() => factory.Database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Staff_grant_a_member_ownership_with_a_reason_recorded_in_the_verifying_chain()
    {
        var org = await CreateWithMemberAsync();
        var client = AdminBrowser.Client(factory);
        await AdminBrowser.SignInAsync(client);
        var token = await FormTokenAsync(client, org.Id);

        var response = await client.PostAsync($"/organizations/{org.Id}/recover", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("UserId", _bob.Id.ToString()), new("Reason", "Ägaren har lämnat; protokoll 2026-12-01")]));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await MembersAsync(org.Id)).Single(member => member.UserId == _bob.Id).Role.ShouldBe(OrgRole.Owner);
        var recorded = (await factory.App.SendAsync<IReadOnlyList<AuditEvent>>(_owner, new ListAuditEvents(org.Id)))[0];
        (recorded.Action, recorded.UserId).ShouldBe(("organization.owner_granted", StubUser.AdminId));
        recorded.Details.ShouldContain("protokoll 2026-12-01");
        (await factory.App.SendAsync<AuditVerification>(TestUser.Admin("Stina"), new VerifyAuditChains(org.Id))).Verified.ShouldBeTrue();
    }

    [Fact]
    public async Task Without_a_reason_or_the_antiforgery_token_nothing_changes()
    {
        var org = await CreateWithMemberAsync();
        var client = AdminBrowser.Client(factory);
        await AdminBrowser.SignInAsync(client);
        var token = await FormTokenAsync(client, org.Id);

        var withoutReason = await client.PostAsync($"/organizations/{org.Id}/recover", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("UserId", _bob.Id.ToString()), new("Reason", "")]));
        var withoutToken = await client.PostAsync($"/organizations/{org.Id}/recover", new FormUrlEncodedContent(
            [new("UserId", _bob.Id.ToString()), new("Reason", "Ägaren har lämnat")]));

        withoutReason.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await withoutReason.Content.ReadAsStringAsync()).ShouldContain("Reason");
        withoutToken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await MembersAsync(org.Id)).Single(member => member.UserId == _bob.Id).Role.ShouldBe(OrgRole.Viewer);
    }

    private async Task<OrganizationDetails> CreateWithMemberAsync()
    {
        var org = await factory.App.SendAsync<OrganizationDetails>(_owner, new CreateOrganization("Åre Fjällstuga AB", "556677-8899", VatPeriod.Quarterly, "01-01"));
        await factory.App.SendAsync<MemberDetails>(_owner, new SetMemberRole(org.Id, _bob.Id, OrgRole.Viewer));
        return org;
    }

    private static async Task<string> FormTokenAsync(HttpClient client, Guid orgId)
    {
        var page = await AdminBrowser.GetPageAsync(client, $"/organizations/{orgId}/recover");
        return ((IHtmlInputElement)page.QuerySelector("#recover input[name=__RequestVerificationToken]")!).Value;
    }

    private Task<IReadOnlyList<MemberDetails>> MembersAsync(Guid orgId) =>
        factory.App.SendAsync<IReadOnlyList<MemberDetails>>(_owner, new ListMembers(orgId));
}

public sealed class RecoveryPageTestsOnSqlite(SqliteAdminFactory factory) : RecoveryPageTests<SqliteAdminFactory>(factory);

public sealed class RecoveryPageTestsOnPostgres(PostgresAdminFactory factory) : RecoveryPageTests<PostgresAdminFactory>(factory);
