using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Infrastructure.Persistence;

namespace CleanLedger.Api.Tests.Edge;

/// <summary>
/// The request body limit is Kestrel's, which the in-memory test server does not enforce, so
/// this runs the Api executable on a loopback port.
/// </summary>
public sealed class KestrelLimitsTests : IAsyncLifetime
{
    private const int LimitBytes = 4096;
    private Testing.TestDatabase _database = null!;
    private Process _api = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        _database = await Testing.TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var port = FreePort();
        _address = new Uri($"http://127.0.0.1:{port}");
        var settings = new Dictionary<string, string?>(_database.Settings) { ["Limits:MaxRequestBodyBytes"] = LimitBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Jobs:Server"] = "true" };
        _api = await ApiProcess.ServeAsync(settings, _address);
    }

    public async Task DisposeAsync()
    {
        _api.Kill(entireProcessTree: true);
        await _api.WaitForExitAsync();
        _api.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_body_over_the_configured_limit_answers_413_problem_details_and_creates_nothing()
    {
        using var client = new HttpClient { BaseAddress = _address };
        var padding = new string('x', LimitBytes);
        var body = $$"""{"name":"{{padding}}","orgNumber":"559900-1129","vatPeriod":"monthly","fiscalYearStart":"01-01"}""";

        var response = await client.PostAsync("/api/v1/orgs", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        var me = await client.GetStringAsync("/api/v1/me");
        me.ShouldNotContain("xxxx");
    }

    [Fact]
    public async Task The_sie_import_route_takes_files_larger_than_the_server_wide_limit()
    {
        using var client = new HttpClient { BaseAddress = _address };
        var me = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v1/me"));
        var orgId = me.RootElement.GetProperty("memberships")[0].GetProperty("orgId").GetGuid();
        var sie = Encoding.ASCII.GetBytes("#FLAGGA 0\n" + string.Concat(Enumerable.Repeat("#PROSA \"rad\"\n", 2 * LimitBytes / 12)) + "not a record\n");
        using var content = new MultipartFormDataContent { { new ByteArrayContent(sie), "file", "stor.se" } };

        var response = await client.PostAsync($"/api/v1/orgs/{orgId}/imports/sie", content);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var job = await SieImports.FinishedAsync(client, response.Headers.Location!);
        job.GetProperty("errors")[0].GetProperty("code").GetString().ShouldBe("sie.invalid");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
