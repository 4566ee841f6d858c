using CleanLedger.Application.Tests.Documents;
using CleanLedger.Infrastructure.Jobs;
using CleanLedger.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Application.Tests.Receipts;

/// <summary>Short ways to take a receipt through the pipeline as the job server does.</summary>
public static class ReceiptScenarios
{
    /// <summary>The receipt job as Hangfire runs it on its first attempt (no retry count yet).</summary>
    public static async Task RunReceiptJobAsync(this ApplicationHarness app, Guid orgId, Guid documentId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ProcessReceiptJob>().RunAsync(orgId, documentId, context: null, CancellationToken.None);
    }

    /// <summary>Uploads <paramref name="pdf"/> as <paramref name="user"/> and runs its receipt job; answers the document's id.</summary>
    public static async Task<Guid> UploadAndProcessAsync(this ApplicationHarness app, TestUser user, Guid orgId, byte[] pdf)
    {
        var id = await app.UploadPdfAsync(user, orgId, pdf);
        await app.RunReceiptJobAsync(orgId, id);
        return id;
    }
}
