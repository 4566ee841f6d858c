using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Infrastructure.Persistence;

namespace CleanLedger.Api.Tests.Edge;

/// <summary>An Api whose database cannot be opened: it still starts, and says so on /healthz.</summary>
public sealed class UnreachableDatabaseApiFactory() : ApiFactory(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:ConnectionString"] = "Data Source=/nonexistent/cleanledger/ledger.db;Mode=ReadWrite",
        ["Database:MigrateOnStart"] = "false",
        ["Auth:StubUser"] = "false",
    };
}

public sealed class HealthTests(SqliteApiFactory healthy, UnreachableDatabaseApiFactory unhealthy)
    : IClassFixture<SqliteApiFactory>, IClassFixture<UnreachableDatabaseApiFactory>
{
    [Fact]
    public async Task Healthz_answers_503_naming_the_failing_check_when_the_database_is_unreachable()
    {
        var response = await unhealthy.CreateClient().GetAsync("/healthz");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().ShouldBe("unhealthy");
        var failing = body.GetProperty("failing").EnumerateArray().ShouldHaveSingleItem();
        failing.GetProperty("check").GetString().ShouldBe("database");
        failing.GetProperty("description").GetString()!.ShouldContain("Sqlite is unreachable");
    }

    [Fact]
    public async Task Metrics_health_answers_without_authentication_even_where_no_stub_user_exists()
    {
        var response = await unhealthy.CreateClient().GetAsync("/metrics/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("ok");
    }

    [Fact]
    public async Task The_openapi_document_needs_no_authentication()
    {
        var response = await unhealthy.CreateClient().GetAsync("/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await healthy.CreateClient().GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
