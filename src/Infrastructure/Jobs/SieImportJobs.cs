using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Sie.ImportSie;
using CleanLedger.Infrastructure.Persistence;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Infrastructure.Jobs;

/// <summary>Hands a recorded import to Hangfire once its row has committed.</summary>
public sealed class HangfireSieImportJobs(DbSession session, IBackgroundJobClient jobs) : ISieImportJobs
{
    public void EnqueueAfterCommit(Guid orgId, Guid importId) =>
        session.OnCommitted(() => jobs.Enqueue<SieImportJob>(job => job.RunAsync(orgId, importId, null, CancellationToken.None)));
}

/// <summary>
/// One SIE import, as the automation actor in the importing organisation. A run that fails for
/// an unexpected reason (the database gone) is retried from the start; after the last attempt the
/// import is marked failed, so its caller is never left polling a job that will not finish.
/// </summary>
public sealed class SieImportJob(CurrentUser user, SieImportRunner runner, IServiceScopeFactory scopes)
{
    public const int Attempts = 3;

    [AutomaticRetry(Attempts = Attempts, DelaysInSeconds = [10, 60, 300])]
    [JobDisplayName("SIE import {1} (organisation {0})")]
    public async Task RunAsync(Guid orgId, Guid importId, PerformContext? context, CancellationToken cancellationToken)
    {
        user.SignInAutomation();
        try
        {
            await runner.RunAsync(orgId, importId, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException && (context?.GetJobParameter<int?>("RetryCount") ?? 0) >= Attempts)
        {
            // This scope's transaction may be the one that failed: the failure is recorded from a scope of its own.
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SignInAutomation();
            await scope.ServiceProvider.GetRequiredService<SieImportRunner>().FailAsync(orgId, importId,
                new SieImportProblem("sie.import_stopped", $"The import stopped unexpectedly ({failure.GetType().Name}); nothing was imported. Try again."), [], CancellationToken.None);
            throw;
        }
    }
}
