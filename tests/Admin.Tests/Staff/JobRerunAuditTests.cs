using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using CleanLedger.Domain.Access;
using CleanLedger.Infrastructure.Jobs;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Admin.Tests.Staff;

/// <summary>
/// A job re-run from the dashboard: by an operator it happens and the platform chain records who
/// and which job first; by support, or without the dashboard's antiforgery token, nothing happens
/// and nothing is recorded. Both engines.
/// </summary>
public abstract class JobRerunAuditTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : StaffAdminFactory
{
    [Fact]
    public async Task An_operator_re_runs_a_failed_job_and_the_verifying_chain_names_them_and_the_job()
    {
        var (orgId, documentId) = (Guid.NewGuid(), Guid.NewGuid());
        var job = FailedReceiptJob(orgId, documentId);
        var (client, staff) = await StaffBrowser.SignedInAsync(factory, PlatformRole.Operator);

        var rerun = await DashboardCommandAsync(client, $"/jobs/jobs/actions/requeue/{job}", job);

        rerun.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        StateOf(job).ShouldBe(EnqueuedState.StateName);
        var recorded = (await PlatformChain.EventsAsync(factory)).Where(row => row.Subject == $"job/{job}").ShouldHaveSingleItem();
        (recorded.Action, recorded.UserId).ShouldBe(("job.requeue", staff.UserId));
        recorded.Details.ShouldContain(nameof(ProcessReceiptJob));
        (await PlatformChain.VerifiesAsync(factory)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_batch_re_run_from_a_list_records_each_job()
    {
        var jobs = new[] { FailedReceiptJob(Guid.NewGuid(), Guid.NewGuid()), FailedReceiptJob(Guid.NewGuid(), Guid.NewGuid()) };
        var (client, staff) = await StaffBrowser.SignedInAsync(factory, PlatformRole.Admin);

        var rerun = await DashboardCommandAsync(client, "/jobs/jobs/failed/requeue", jobs[0], jobs.Select(job => new KeyValuePair<string, string>("jobs[]", job)));

        rerun.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var recorded = await PlatformChain.EventsAsync(factory);
        foreach (var job in jobs)
        {
            StateOf(job).ShouldBe(EnqueuedState.StateName);
            recorded.Where(row => row.Subject == $"job/{job}").ShouldHaveSingleItem().UserId.ShouldBe(staff.UserId);
        }
    }

    [Fact]
    public async Task Support_cannot_re_run_a_job_and_leaves_no_audit_row()
    {
        var job = FailedReceiptJob(Guid.NewGuid(), Guid.NewGuid());
        var (client, _) = await StaffBrowser.SignedInAsync(factory, PlatformRole.Support);

        var rerun = await DashboardCommandAsync(client, $"/jobs/jobs/actions/requeue/{job}", job);

        rerun.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        StateOf(job).ShouldBe(FailedState.StateName);
        (await PlatformChain.EventsAsync(factory)).ShouldNotContain(row => row.Subject == $"job/{job}");
    }

    [Fact]
    public async Task A_re_run_without_the_dashboards_antiforgery_token_does_nothing_and_leaves_no_audit_row()
    {
        var job = FailedReceiptJob(Guid.NewGuid(), Guid.NewGuid());
        var (client, _) = await StaffBrowser.SignedInAsync(factory, PlatformRole.Operator);

        var forged = await client.PostAsync($"/jobs/jobs/actions/requeue/{job}", new FormUrlEncodedContent([]));

        forged.IsSuccessStatusCode.ShouldBeFalse();
        StateOf(job).ShouldBe(FailedState.StateName);
        (await PlatformChain.EventsAsync(factory)).ShouldNotContain(row => row.Subject == $"job/{job}");
    }

    [Theory]
    [InlineData("999999999")]
    [InlineData("not-a-job")]
    public async Task A_re_run_of_a_job_that_does_not_exist_changes_nothing_and_is_no_server_error(string job)
    {
        var shown = FailedReceiptJob(Guid.NewGuid(), Guid.NewGuid());
        var (client, _) = await StaffBrowser.SignedInAsync(factory, PlatformRole.Operator);

        var rerun = await DashboardCommandAsync(client, $"/jobs/jobs/actions/requeue/{job}", shown);

        ((int)rerun.StatusCode).ShouldBeLessThan(500);
        StateOf(shown).ShouldBe(FailedState.StateName);
    }

    /// <summary>A receipt job that failed its last attempt, as it sits in the dashboard's Failed list.</summary>
    private string FailedReceiptJob(Guid orgId, Guid documentId)
    {
        var jobs = factory.Services.GetRequiredService<IBackgroundJobClient>();
        var job = jobs.Enqueue<ProcessReceiptJob>(receipt => receipt.RunAsync(orgId, documentId, null, CancellationToken.None));
        using (var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection())
            connection.SetJobParameter(job, "RetryCount", ProcessReceiptJob.Attempts.ToString(CultureInfo.InvariantCulture));
        jobs.ChangeState(job, new FailedState(new InvalidOperationException("OCR unavailable")), EnqueuedState.StateName).ShouldBeTrue();
        return job;
    }

    private string StateOf(string job)
    {
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetStateData(job).Name;
    }

    /// <summary>What the dashboard's button does: a POST with the antiforgery token its page carries in a header.</summary>
    private static async Task<HttpResponseMessage> DashboardCommandAsync(HttpClient client, string command, string shownJob, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        var page = await AdminBrowser.GetPageAsync(client, $"/jobs/jobs/details/{shownJob}");
        var header = ((IHtmlMetaElement)page.QuerySelector("meta[name=csrf-header]")!).Content!;
        var token = ((IHtmlMetaElement)page.QuerySelector("meta[name=csrf-token]")!).Content!;
        using var request = new HttpRequestMessage(HttpMethod.Post, command) { Content = new FormUrlEncodedContent(form ?? []) };
        request.Headers.Add(header, token);
        return await client.SendAsync(request);
    }
}

public sealed class JobRerunAuditTestsOnPostgres(PostgresStaffAdminFactory factory) : JobRerunAuditTests<PostgresStaffAdminFactory>(factory);

public sealed class JobRerunAuditTestsOnSqlite(SqliteStaffAdminFactory factory) : JobRerunAuditTests<SqliteStaffAdminFactory>(factory);
