using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Testing;

namespace CleanLedger.Api.Tests.Receipts;

/// <summary>
/// The job server stops while receipts are on their way; a new one on the same database finishes
/// every document exactly once: one outcome each, one verification per posted receipt.
/// </summary>
[Trait("Category", "Pipeline")]
public sealed class KillAndResumeTests : IAsyncLifetime
{
    private readonly PipelineApiFactory _first = new();
    private readonly PipelineApiFactory _second = new();

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_first).InitializeAsync();
        _second.UseDatabaseOf(_first.Database);
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_second).DisposeAsync();
        await ((IAsyncLifetime)_first).DisposeAsync();
    }

    [Fact]
    public async Task Every_document_reaches_a_final_state_exactly_once_after_the_job_server_is_stopped_mid_way()
    {
        var owner = TestUser.New("Olivia Owner");
        var client = _first.ClientFor(owner);
        var orgId = await client.CreateOrganizationAsync();
        await client.OpenFiscalYear2025Async(orgId);
        var receipts = ReceiptLabel.Swedish.Where(label => label.Difficulty == "easy").Take(8).ToList();
        var ids = new List<Guid>();
        foreach (var receipt in receipts)
            ids.Add(await client.UploadReceiptAsync(orgId, receipt));

        // Stop the first server as soon as the pipeline is under way.
        while ((await client.DocumentAsync(orgId, ids[0])).GetProperty("status").GetString() == "received")
            await Task.Delay(50);
        await _first.DisposeAsync();
        var statuses = new List<string?>();
        var resumed = _second.ClientFor(owner);
        foreach (var id in ids)
            statuses.Add((await resumed.DocumentAsync(orgId, id)).GetProperty("status").GetString());
        statuses.ShouldContain(status => !PipelineScenarios.FinalStatuses.Contains(status), "the stop should leave work unfinished");

        var finished = new List<JsonElement>();
        foreach (var id in ids)
            finished.Add(await resumed.FinishedDocumentAsync(orgId, id));

        finished.Select(document => document.GetProperty("status").GetString()).ShouldAllBe(status => status == "posted" || status == "needs_review");
        var verifications = await resumed.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/verifications?pageSize=100");
        var postedIds = finished.Where(document => document.GetProperty("status").GetString() == "posted")
            .Select(document => document.GetProperty("verificationId").GetGuid()).ToList();
        verifications.GetProperty("total").GetInt64().ShouldBe(postedIds.Count);
        verifications.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid()).Order().ShouldBe(postedIds.Order());
        var kpi = await _second.ClientFor(TestUser.Admin("Ada Admin")).GetFromJsonAsync<JsonElement>("/metrics/kpi");
        kpi.GetProperty("attempts").GetInt64().ShouldBe(ids.Count);
        (kpi.GetProperty("autoposted").GetInt64() + kpi.GetProperty("sentToReview").GetInt64()).ShouldBe(ids.Count);
    }
}
