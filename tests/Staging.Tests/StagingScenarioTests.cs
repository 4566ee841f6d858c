using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using CleanLedger.Domain.Access;
using CleanLedger.Infrastructure.Jobs;
using CleanLedger.Testing;
using Dapper;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CleanLedger.Staging.Tests;

/// <summary>
/// The whole way in, as staging has it: a person signs in with BankID, creates an organisation and
/// invites a bookkeeper, who joins and uploads a receipt; the owner keeps it under legal hold; a
/// member of staff with the operator role signs in to the Admin and re-runs the receipt's job,
/// which posts nothing twice. Every privileged step is in a hash chain that verifies.
/// </summary>
public sealed class StagingScenarioTests(StagingEnvironment staging) : IClassFixture<StagingEnvironment>
{
    /// <summary>How long a receipt or a re-run may take on a loaded two-core machine before the test gives up.</summary>
    private static readonly TimeSpan PipelineTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Both_hosts_start_with_their_secrets_from_Secrets_Manager()
    {
        (await staging.Api.CreateClient().GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staging.Admin.CreateClient().GetAsync("/account/login")).StatusCode.ShouldBe(HttpStatusCode.OK);
        staging.Secrets.Served.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task An_owner_signs_in_with_BankID_a_bookkeeper_joins_an_operator_re_runs_a_job_and_the_chains_verify()
    {
        var owner = TestPerson.New("Anna Ägare");
        var bookkeeper = TestPerson.New("Bo Bokförare");
        await owner.EnrolAsync();
        await bookkeeper.EnrolAsync();

        var anna = await SignedInAsync(owner);
        var created = await anna.PostAsJsonAsync("/api/v1/orgs", new { name = "Ägarens Firma AB", orgNumber = "556677-8899", vatPeriod = "quarterly", fiscalYearStart = "01-01" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var orgId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var invited = await anna.PostAsJsonAsync($"/api/v1/orgs/{orgId}/invitations", new { role = "bookkeeper" });
        invited.StatusCode.ShouldBe(HttpStatusCode.Created);
        var code = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

        var bo = await SignedInAsync(bookkeeper);
        (await bo.PostAsJsonAsync("/api/v1/invitations/redeem", new { code })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var me = await bo.GetFromJsonAsync<JsonElement>("/api/v1/me");
        me.GetProperty("memberships").EnumerateArray().ShouldHaveSingleItem().GetProperty("role").GetString().ShouldBe("bookkeeper");
        (await bo.PostAsJsonAsync($"/api/v1/orgs/{orgId}/invitations", new { role = "owner" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var (documentId, settled) = await UploadUntilSettledAsync(bo, orgId);
        (await anna.PutAsJsonAsync($"/api/v1/orgs/{orgId}/documents/{documentId}/legal-hold", new { onHold = true, reason = "Skatterevision" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staging.LegalHoldOfAsync(await StorageKeyOfAsync(documentId))).ShouldBeTrue();

        var operatorStaff = await StaffMember.EnrolAsync(PlatformRole.Operator);
        var admin = staging.Admin.Browser();
        var landed = await StaffSignIn.SignInAsync(admin, operatorStaff);
        landed.Headers.Location!.OriginalString.ShouldBe("/organizations");
        var job = ReceiptJobOf(documentId);
        (await DashboardCommandAsync(admin, $"/jobs/jobs/actions/requeue/{job}", job)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await WaitUntilSucceededAgainAsync(job);

        var after = await bo.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/documents/{documentId}");
        (after.GetProperty("status").GetString(), after.GetProperty("verificationId").ToString()).ShouldBe((settled.GetProperty("status").GetString(), settled.GetProperty("verificationId").ToString()));
        (await CountAsync("SELECT count(*) FROM verification_documents WHERE document_id = @documentId", new { documentId })).ShouldBeLessThanOrEqualTo(1);

        var orgEvents = await ActionsAsync("SELECT action FROM audit_events WHERE org_id = @orgId", new { orgId });
        orgEvents.ShouldContain("invitation.created");
        orgEvents.ShouldContain("invitation.redeemed");
        orgEvents.ShouldContain("document.legal_hold_placed");
        var platformEvents = await ActionsAsync(
            "SELECT action FROM platform_audit_events WHERE user_id = @staff OR subject = @job", new { staff = operatorStaff.UserId, job = $"job/{job}" });
        platformEvents.ShouldContain("staff.signed_in");
        platformEvents.ShouldContain("job.requeue");
        var verify = await new HtmlParser().ParseDocumentAsync(await admin.GetStringAsync("/audit/verify"));
        verify.QuerySelector("#result")!.ClassName.ShouldBe("verified");
    }

    private async Task<HttpClient> SignedInAsync(TestPerson person)
    {
        var browser = staging.Api.Browser();
        var (accessToken, _) = await browser.SignInWithBankIdAsync(person);
        var api = staging.Api.Browser();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return api;
    }

    private static async Task<(Guid Id, JsonElement Document)> UploadUntilSettledAsync(HttpClient client, Guid orgId)
    {
        var receipt = ReceiptLabel.SwedishReceipt("receipt_0003.jpg");
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(receipt.File));
        file.Headers.ContentType = new MediaTypeHeaderValue(receipt.ContentType);
        content.Add(file, "file", receipt.FileName);
        var upload = await client.PostAsync($"/api/v1/orgs/{orgId}/documents", content);
        upload.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var timeout = new CancellationTokenSource(PipelineTimeout);
        while (true)
        {
            var document = await client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/documents/{id}", timeout.Token);
            if (document.GetProperty("status").GetString() is "posted" or "needs_review" or "failed")
                return (id, document);
            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
        }
    }

    private string ReceiptJobOf(Guid documentId)
    {
        var monitoring = staging.Api.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        return monitoring.SucceededJobs(0, 100)
            .Single(job => job.Value.Job.Type == typeof(ProcessReceiptJob) && job.Value.Job.Args.Contains(documentId)).Key;
    }

    private async Task WaitUntilSucceededAgainAsync(string job)
    {
        using var timeout = new CancellationTokenSource(PipelineTimeout);
        var monitoring = staging.Api.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        while (monitoring.JobDetails(job).History.Count(state => state.StateName == SucceededState.StateName) < 2)
            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
    }

    /// <summary>What the dashboard's button does: a POST with the antiforgery token its page carries in a header.</summary>
    private static async Task<HttpResponseMessage> DashboardCommandAsync(HttpClient admin, string command, string job)
    {
        var page = await new HtmlParser().ParseDocumentAsync(await admin.GetStringAsync($"/jobs/jobs/details/{job}"));
        var header = ((IHtmlMetaElement)page.QuerySelector("meta[name=csrf-header]")!).Content!;
        var token = ((IHtmlMetaElement)page.QuerySelector("meta[name=csrf-token]")!).Content!;
        using var request = new HttpRequestMessage(HttpMethod.Post, command) { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add(header, token);
        return await admin.SendAsync(request);
    }

    // Proofs read as the superuser: RLS would show the app role one organisation at a time.
    private async Task<string> StorageKeyOfAsync(Guid documentId)
    {
        await using var connection = new NpgsqlConnection(staging.Database.SuperuserConnectionString);
        return await connection.QuerySingleAsync<string>("SELECT storage_key FROM documents WHERE id = @documentId", new { documentId });
    }

    private async Task<long> CountAsync(string sql, object parameters)
    {
        await using var connection = new NpgsqlConnection(staging.Database.SuperuserConnectionString);
        return await connection.QuerySingleAsync<long>(sql, parameters);
    }

    private async Task<IReadOnlyList<string>> ActionsAsync(string sql, object parameters)
    {
        await using var connection = new NpgsqlConnection(staging.Database.SuperuserConnectionString);
        return (await connection.QueryAsync<string>(sql, parameters)).ToList();
    }
}
