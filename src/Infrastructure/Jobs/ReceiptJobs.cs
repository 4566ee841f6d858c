using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Receipts;
using CleanLedger.Application.Receipts.ProcessReceipt;
using CleanLedger.Infrastructure.Persistence;
using Hangfire;
using Hangfire.Server;
using Mediator;
using Microsoft.Extensions.Options;

namespace CleanLedger.Infrastructure.Jobs;

/// <summary>Hands new documents to Hangfire once their upload has committed.</summary>
public sealed class HangfireReceiptJobs(DbSession session, IBackgroundJobClient jobs) : IReceiptJobs
{
    public void EnqueueAfterCommit(Guid orgId, Guid documentId) =>
        session.OnCommitted(() => jobs.Enqueue<ProcessReceiptJob>(job => job.RunAsync(orgId, documentId, null, CancellationToken.None)));
}

/// <summary>
/// One document through the pipeline, as the automation actor. Retried with growing delays; after
/// the last attempt the document is marked failed and the job stays in the dashboard's Failed list,
/// where back-office staff can re-run it (the document's state makes that safe).
/// </summary>
public sealed class ProcessReceiptJob(CurrentUser user, ReceiptProcessor processor)
{
    public const int Attempts = 4;

    [Queue(JobsSetup.ReceiptQueue)]
    [AutomaticRetry(Attempts = Attempts, DelaysInSeconds = [10, 60, 300, 1800])]
    [JobDisplayName("Receipt {1} (organisation {0})")]
    public async Task RunAsync(Guid orgId, Guid documentId, PerformContext? context, CancellationToken cancellationToken)
    {
        user.SignInAutomation();
        try
        {
            await processor.RunAsync(orgId, documentId, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException && IsLastAttempt(context))
        {
            await processor.FailAsync(orgId, documentId, $"{failure.GetType().Name}: {failure.Message}", CancellationToken.None);
            throw;
        }
    }

    private static bool IsLastAttempt(PerformContext? context) => (context?.GetJobParameter<int?>("RetryCount") ?? 0) >= Attempts;
}

/// <summary>Runs again every document left mid-way (the process stopped while it was being read or judged).</summary>
public sealed class ReceiptSweepJob(CurrentUser user, ISender sender, IBackgroundJobClient jobs, IOptions<JobOptions> options, TimeProvider clock)
{
    public const int Batch = 500;

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Sweep of unfinished receipts")]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        user.SignInAutomation();
        var stuck = await sender.Send(new FindUnfinishedReceipts(clock.GetUtcNow() - options.Value.StuckAfter, Batch), cancellationToken);
        foreach (var (orgId, documentId) in stuck)
            jobs.Enqueue<ProcessReceiptJob>(job => job.RunAsync(orgId, documentId, null, CancellationToken.None));
        return stuck.Count;
    }
}
