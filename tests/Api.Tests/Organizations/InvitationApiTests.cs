using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Testing;

namespace CleanLedger.Api.Tests.Organizations;

/// <summary>Invitations and organisation recovery over HTTP, on both engines.</summary>
public abstract class InvitationApiTests<TFactory>(TFactory factory) : OwnerApiTest<TFactory>(factory)
    where TFactory : ApiFactory
{
    private readonly TestUser _bob = TestUser.New("Bob Bokförare");
    private readonly TestUser _staff = TestUser.Admin("Stina Support");

    [Fact]
    public async Task An_owner_invites_a_bookkeeper_who_redeems_the_code_once()
    {
        var response = await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/invitations", new { role = "bookkeeper", email = "bob@example.se" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var invitation = await response.Content.ReadFromJsonAsync<JsonElement>();
        invitation.GetProperty("role").GetString().ShouldBe("bookkeeper");
        var code = invitation.GetProperty("code").GetString()!;
        var pending = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/invitations");
        pending.EnumerateArray().ShouldHaveSingleItem().TryGetProperty("code", out _).ShouldBeFalse();
        var bob = Factory.ClientFor(_bob);

        var redeemed = await bob.PostAsJsonAsync("/api/v1/invitations/redeem", new { code });

        redeemed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var membership = await redeemed.Content.ReadFromJsonAsync<JsonElement>();
        (membership.GetProperty("orgId").GetGuid(), membership.GetProperty("role").GetString()).ShouldBe((OrgId, "bookkeeper"));
        (await bob.GetAsync($"/api/v1/orgs/{OrgId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await bob.PostAsJsonAsync("/api/v1/invitations/redeem", new { code })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await Factory.ClientFor(TestUser.New("Carol")).PostAsJsonAsync("/api/v1/invitations/redeem", new { code }))
            .ShouldBeProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task A_wrong_code_answers_404_without_naming_the_organisation()
    {
        var problem = await (await Factory.ClientFor(_bob).PostAsJsonAsync("/api/v1/invitations/redeem", new { code = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);

        problem.GetRawText().ShouldNotContain(OrgId.ToString());
        await (await Factory.ClientFor(_bob).PostAsJsonAsync("/api/v1/invitations/redeem", new { code = "" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_viewer_cannot_invite_and_a_revoked_invitation_leaves_the_list()
    {
        (await Client.PutAsJsonAsync($"/api/v1/orgs/{OrgId}/members/{_bob.Id}", new { role = "viewer" })).EnsureSuccessStatusCode();
        await (await Factory.ClientFor(_bob).PostAsJsonAsync($"/api/v1/orgs/{OrgId}/invitations", new { role = "owner" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var created = await (await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/invitations", new { role = "viewer", note = "Revisorn" }))
            .Content.ReadFromJsonAsync<JsonElement>();

        (await Client.DeleteAsync($"/api/v1/orgs/{OrgId}/invitations/{created.GetProperty("id").GetGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/invitations")).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Only_a_platform_admin_grants_ownership_and_only_with_a_reason()
    {
        (await Client.PutAsJsonAsync($"/api/v1/orgs/{OrgId}/members/{_bob.Id}", new { role = "accountant" })).EnsureSuccessStatusCode();
        var route = $"/api/v1/admin/orgs/{OrgId}/owners";

        await (await Client.PostAsJsonAsync(route, new { userId = _bob.Id, reason = "Jag vill" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var staff = Factory.ClientFor(_staff);
        await (await staff.PostAsJsonAsync(route, new { userId = _bob.Id, reason = "" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var granted = await staff.PostAsJsonAsync(route, new { userId = _bob.Id, reason = "Ägaren har lämnat bolaget; styrelseprotokoll 2026-12-01" });

        granted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await granted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString().ShouldBe("owner");
        (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit/verify?orgId={OrgId}")).GetProperty("verified").GetBoolean().ShouldBeTrue();
    }
}

public sealed class InvitationApiTestsOnSqlite(SqliteApiFactory factory) : InvitationApiTests<SqliteApiFactory>(factory);

public sealed class InvitationApiTestsOnPostgres(PostgresApiFactory factory) : InvitationApiTests<PostgresApiFactory>(factory);
