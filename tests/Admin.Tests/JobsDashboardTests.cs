using System.Net;
using CleanLedger.Infrastructure.Jobs;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Admin.Tests;

/// <summary>The Hangfire dashboard in the Admin: only for signed-in platform admins; it shows the receipt jobs.</summary>
public sealed class JobsDashboardTests(SqliteAdminFactory factory) : IClassFixture<SqliteAdminFactory>
{
    [Fact]
    public async Task Without_signing_in_the_dashboard_redirects_to_the_sign_in_page()
    {
        var response = await AdminBrowser.Client(factory).GetAsync("/jobs");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/account/login");
    }

    [Fact]
    public async Task A_signed_in_admin_sees_an_enqueued_receipt_job_in_the_receipts_queue()
    {
        var (orgId, documentId) = (Guid.NewGuid(), Guid.NewGuid());
        factory.Services.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<ProcessReceiptJob>(job => job.RunAsync(orgId, documentId, null, CancellationToken.None));
        var client = AdminBrowser.Client(factory);
        await AdminBrowser.SignInAsync(client);

        var queue = await AdminBrowser.GetPageAsync(client, $"/jobs/jobs/enqueued/{JobsSetup.ReceiptQueue}");

        queue.Title!.ShouldContain("CleanLedger jobs");
        queue.Body!.TextContent.ShouldContain($"Receipt {documentId} (organisation {orgId})");
    }
}
