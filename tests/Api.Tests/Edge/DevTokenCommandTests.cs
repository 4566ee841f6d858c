using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.CreateOrganization;
using CleanLedger.Domain.Organizations;
using CleanLedger.Testing;

namespace CleanLedger.Api.Tests.Edge;

/// <summary>
/// <c>dev-token</c> is run as the real Api executable: it signs a token that the Api accepts, grants
/// the named role in the configured database, and is refused outside local/test/ci.
/// </summary>
public sealed class DevTokenCommandTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task Prints_a_token_that_the_api_accepts_with_the_granted_role()
    {
        await factory.ResetAsync();
        await using var app = new ApplicationHarness(factory.Database);
        var owner = TestUser.New("Owner");
        var org = await app.SendAsync<OrganizationDetails>(owner, new CreateOrganization("Token AB", "556677-8899", VatPeriod.Monthly, "01-01"));
        var userId = Guid.NewGuid();

        var settings = new Dictionary<string, string?>(factory.Database.Settings) { ["Auth:DevSigningKey"] = factory.DevSigningKey };
        var (exitCode, output, errors) = await ApiProcess.RunAsync("test", settings,
            "dev-token", "--user", userId.ToString(), "--name", "Vera Viewer", "--org", org.Id.ToString(), "--role", "viewer");

        exitCode.ShouldBe(0, errors);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", output.Trim());
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        me.GetProperty("userId").GetGuid().ShouldBe(userId);
        me.GetProperty("displayName").GetString().ShouldBe("Vera Viewer");
        var membership = me.GetProperty("memberships").EnumerateArray().ShouldHaveSingleItem();
        (membership.GetProperty("orgId").GetGuid(), membership.GetProperty("role").GetString()).ShouldBe((org.Id, "viewer"));
    }

    [Fact]
    public async Task Is_refused_in_production()
    {
        var production = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody",
            ["Jobs:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=jobs",
            ["Auth:Issuer"] = "https://api.cleanledger.test",
            ["Cors:AllowedOrigins:0"] = "https://app.cleanledger.test",
            ["Documents:Store"] = "s3",
            ["Documents:S3:Endpoint"] = "http://127.0.0.1:1",
        };
        foreach (var (key, value) in TestKeyRing.Settings())
            production[key] = value;

        var (exitCode, output, errors) = await ApiProcess.RunAsync("production", production, "dev-token", "--user", Guid.NewGuid().ToString());

        exitCode.ShouldBe(2);
        output.ShouldBeEmpty();
        errors.ShouldContain("dev-token is refused in 'production'");
    }

    [Fact]
    public async Task Explains_its_usage_when_the_user_is_not_a_uuid()
    {
        var (exitCode, _, errors) = await ApiProcess.RunAsync("test", factory.Database.Settings, "dev-token", "--user", "alice");

        exitCode.ShouldBe(2);
        errors.ShouldContain("--user must be a UUID");
        errors.ShouldContain("usage: dev-token");
    }
}
