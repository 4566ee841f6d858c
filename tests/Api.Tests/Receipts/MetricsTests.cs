using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Api.Tests.Edge;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Receipts.ProcessReceipt;
using CleanLedger.Domain.Access;
using CleanLedger.Infrastructure.Jobs;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Api.Tests.Receipts;

/// <summary>The Api on SQLite (the embedded default) with no job server of its own: tests run the receipt job themselves.</summary>
public sealed class ManualJobsApiFactory() : ApiFactory(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Receipts:Alerts:OcrQueueDepth"] = "1",
    };

    /// <summary>What the job does after its last retry: marks the document failed.</summary>
    public async Task FailReceiptJobAsync(Guid orgId, Guid documentId, string failure)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SignInAutomation();
        await scope.ServiceProvider.GetRequiredService<ReceiptProcessor>().FailAsync(orgId, documentId, failure, CancellationToken.None);
    }

    /// <summary>Runs the document's job as the Hangfire server would: in a scope of its own.</summary>
    public async Task RunReceiptJobAsync(Guid orgId, Guid documentId)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ProcessReceiptJob>().RunAsync(orgId, documentId, null, CancellationToken.None);
    }
}

/// <summary>/metrics, /metrics/kpi, /metrics/flow and /metrics/alerts: platform admins only, figures from the durable events.</summary>
public sealed class MetricsTests(ManualJobsApiFactory factory, UnreachableDatabaseApiFactory noStubUser)
    : OwnerApiTest<ManualJobsApiFactory>(factory), IClassFixture<UnreachableDatabaseApiFactory>
{
    private static readonly string[] Routes = ["/metrics", "/metrics/kpi", "/metrics/flow", "/metrics/alerts"];

    private HttpClient Admin => Factory.ClientFor(TestUser.Admin("Ada Admin"));

    [Fact]
    public async Task Every_metrics_route_needs_a_signed_in_member_of_staff_who_may_read_metrics()
    {
        var support = Factory.ClientFor(TestUser.Staff("Stina Support", PlatformRole.Support));
        var operatorStaff = Factory.ClientFor(TestUser.Staff("Olle Operatör", PlatformRole.Operator));
        foreach (var route in Routes)
        {
            (await noStubUser.CreateClient().GetAsync(route)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, route);
            (await Client.GetAsync(route)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, route);
            (await support.GetAsync(route)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, route);
            (await operatorStaff.GetAsync(route)).StatusCode.ShouldBe(HttpStatusCode.OK, route);
            (await Admin.GetAsync(route)).StatusCode.ShouldBe(HttpStatusCode.OK, route);
        }
    }

    [Fact]
    public async Task A_waiting_document_raises_the_queue_alert_and_a_processed_one_counts_in_kpis_flow_and_prometheus()
    {
        var parking = ReceiptLabel.SwedishReceipt("receipt_0003.jpg");
        var documentId = await Client.UploadReceiptAsync(OrgId, parking);

        var alerts = await Admin.GetFromJsonAsync<JsonElement>("/metrics/alerts");
        alerts.GetProperty("alerts").EnumerateArray().Select(alert => alert.GetProperty("code").GetString()).ShouldContain("ocr.queue_depth");
        (await Admin.GetFromJsonAsync<JsonElement>("/metrics/flow")).GetProperty("waiting").GetInt64().ShouldBe(1);

        await Factory.RunReceiptJobAsync(OrgId, documentId);
        await Factory.RunReceiptJobAsync(OrgId, documentId); // a re-run changes nothing

        (await Client.DocumentAsync(OrgId, documentId)).GetProperty("status").GetString().ShouldBe("posted");
        var kpi = await Admin.GetFromJsonAsync<JsonElement>("/metrics/kpi");
        (kpi.GetProperty("attempts").GetInt64(), kpi.GetProperty("autoposted").GetInt64(), kpi.GetProperty("automationRate").GetDouble()).ShouldBe((1L, 1L, 1.0));
        var flow = await Admin.GetFromJsonAsync<JsonElement>("/metrics/flow");
        (flow.GetProperty("posted").GetInt64(), flow.GetProperty("waiting").GetInt64()).ShouldBe((1L, 0L));
        flow.GetProperty("p50Ms").GetInt64().ShouldBeGreaterThan(0);
        flow.GetProperty("p99Ms").GetInt64().ShouldBeGreaterThanOrEqualTo(flow.GetProperty("p50Ms").GetInt64());
        (await Admin.GetFromJsonAsync<JsonElement>("/metrics/alerts")).GetProperty("alerts").GetArrayLength().ShouldBe(0);
        var prometheus = await Admin.GetStringAsync("/metrics");
        prometheus.ShouldContain("cleanledger_automation_attempts");
        prometheus.ShouldContain("cleanledger_ocr_duration");
        (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/verifications")).GetProperty("total").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task A_document_that_failed_every_retry_raises_an_alert_and_a_re_run_from_the_dashboard_finishes_it()
    {
        var documentId = await Client.UploadReceiptAsync(OrgId, ReceiptLabel.SwedishReceipt("receipt_0003.jpg"));

        await Factory.FailReceiptJobAsync(OrgId, documentId, "TimeoutException: the OCR pool did not answer");

        (await Client.DocumentAsync(OrgId, documentId)).GetProperty("status").GetString().ShouldBe("failed");
        var alerts = await Admin.GetFromJsonAsync<JsonElement>("/metrics/alerts");
        alerts.GetProperty("alerts").EnumerateArray().Select(alert => alert.GetProperty("code").GetString()).ShouldContain("pipeline.failed");
        (await Admin.GetFromJsonAsync<JsonElement>("/metrics/kpi")).GetProperty("failed").GetInt64().ShouldBe(1);

        await Factory.RunReceiptJobAsync(OrgId, documentId);

        (await Client.DocumentAsync(OrgId, documentId)).GetProperty("status").GetString().ShouldBe("posted");
    }
}
