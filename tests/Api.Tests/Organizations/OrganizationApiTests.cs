using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Infrastructure.Security;
using CleanLedger.Testing;

namespace CleanLedger.Api.Tests.Organizations;

/// <summary>The identity and organisation routes of the contract, over HTTP, on both engines.</summary>
public abstract class OrganizationApiTests<TFactory>(TFactory factory) : ApiTest<TFactory>(factory)
    where TFactory : ApiFactory
{
    private static readonly object ValidOrganization =
        new { name = "Kaffebaren i Luleå AB", orgNumber = "559900-1129", vatPeriod = "monthly", fiscalYearStart = "05-01" };

    private readonly TestUser _alice = TestUser.New("Alice");
    private readonly TestUser _bob = TestUser.New("Bob");


    [Fact]
    public async Task Healthz_answers_ok_when_the_database_answers()
    {
        var response = await Factory.CreateClient().GetAsync("/healthz");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("ok");
    }

    [Fact]
    public async Task A_request_without_a_token_is_the_stub_user_who_owns_the_demo_organisation()
    {
        var me = await Factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/me");

        me.GetProperty("userId").GetGuid().ShouldBe(StubUser.Id);
        me.GetProperty("displayName").GetString().ShouldBe(StubUser.DisplayName);
        var membership = me.GetProperty("memberships").EnumerateArray().ShouldHaveSingleItem();
        membership.GetProperty("orgName").GetString().ShouldBe(StubUser.DemoOrganizationName);
        membership.GetProperty("role").GetString().ShouldBe("owner");
    }

    [Fact]
    public async Task Creating_an_organisation_answers_201_and_the_caller_owns_it()
    {
        var client = Factory.ClientFor(_alice);

        var response = await client.PostAsJsonAsync("/api/v1/orgs", ValidOrganization);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/orgs/{id}");

        var fetched = await client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{id}");
        fetched.GetProperty("name").GetString().ShouldBe("Kaffebaren i Luleå AB");
        fetched.GetProperty("orgNumber").GetString().ShouldBe("559900-1129");
        fetched.GetProperty("vatPeriod").GetString().ShouldBe("monthly");
        fetched.GetProperty("fiscalYearStart").GetString().ShouldBe("05-01");

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        var membership = me.GetProperty("memberships").EnumerateArray().ShouldHaveSingleItem();
        (membership.GetProperty("orgId").GetGuid(), membership.GetProperty("role").GetString()).ShouldBe((id, "owner"));
    }

    [Fact]
    public async Task An_invalid_organisation_answers_400_with_each_field_and_creates_nothing()
    {
        var client = Factory.ClientFor(_alice);

        var response = await client.PostAsJsonAsync("/api/v1/orgs",
            new { name = "", orgNumber = "559900-1128", vatPeriod = "monthly", fiscalYearStart = "05-02" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(field => field.Name).Order()
            .ShouldBe(["fiscalYearStart", "name", "orgNumber"]);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("memberships").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("{\"name\": \"Half")]
    [InlineData("[1, 2]")]
    [InlineData("{\"name\":\"X AB\",\"orgNumber\":\"559900-1129\",\"vatPeriod\":\"weekly\",\"fiscalYearStart\":\"01-01\"}")]
    public async Task Unreadable_json_answers_400_problem_details(string body)
    {
        var response = await Factory.ClientFor(_alice).PostAsync("/api/v1/orgs", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_route_answers_404_problem_details()
    {
        var response = await Factory.CreateClient().GetAsync("/api/v1/no-such-thing");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bad_token_answers_401_and_is_not_taken_for_the_stub_user()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-token");

        var response = await client.GetAsync("/api/v1/me");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_organisations_routes_answer_404_to_a_non_member()
    {
        var alicesOrg = await CreateOrganizationAsync(_alice);
        var bob = Factory.ClientFor(_bob);

        await (await bob.GetAsync($"/api/v1/orgs/{alicesOrg}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await bob.GetAsync($"/api/v1/orgs/{alicesOrg}/members")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await bob.PutAsJsonAsync($"/api/v1/orgs/{alicesOrg}/members/{_bob.Id}", new { role = "owner" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var members = await Factory.ClientFor(_alice).GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{alicesOrg}/members");
        members.EnumerateArray().Select(member => member.GetProperty("userId").GetGuid()).ShouldBe([_alice.Id]);
    }

    [Fact]
    public async Task A_viewer_reads_the_organisation_but_gets_403_managing_members()
    {
        var org = await CreateOrganizationAsync(_alice);
        var grant = await Factory.ClientFor(_alice).PutAsJsonAsync($"/api/v1/orgs/{org}/members/{_bob.Id}", new { role = "viewer" });
        grant.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bob = Factory.ClientFor(_bob);

        (await bob.GetAsync($"/api/v1/orgs/{org}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var problem = await (await bob.PutAsJsonAsync($"/api/v1/orgs/{org}/members/{_bob.Id}", new { role = "owner" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        problem.GetProperty("detail").GetString()!.ShouldContain("viewer");
    }

    private async Task<Guid> CreateOrganizationAsync(TestUser owner)
    {
        var response = await Factory.ClientFor(owner).PostAsJsonAsync("/api/v1/orgs", ValidOrganization);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}

public sealed class OrganizationApiTestsOnPostgres(PostgresApiFactory factory) : OrganizationApiTests<PostgresApiFactory>(factory);

public sealed class OrganizationApiTestsOnSqlite(SqliteApiFactory factory) : OrganizationApiTests<SqliteApiFactory>(factory);
