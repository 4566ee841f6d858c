using System.Globalization;
using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Staff.RecordJobAction;
using CleanLedger.Domain.Access;
using FluentValidation;
using Hangfire;
using Hangfire.Dashboard;
using Mediator;
using Microsoft.AspNetCore.Antiforgery;

namespace CleanLedger.Admin.Hosting;

/// <summary>
/// The Hangfire dashboard at /jobs. Staff who may view jobs see it; only those who may re-run
/// jobs get its buttons, and each of its commands (re-run, trigger, delete) is first recorded in
/// the platform audit chain with who and which job — refused if it cannot be recorded.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/jobs";

    /// <summary>The dashboard's only POST that changes nothing: the live counters it polls.</summary>
    private const string StatsPath = "/stats";

    private const string BatchJobsField = "jobs[]";

    private const string RecurringPrefix = "recurring/";

    public static IEndpointConventionBuilder MapJobsDashboard(this WebApplication app)
    {
        app.UseWhen(
            context => HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments(Path, out var command) && command != StatsPath,
            dashboardCommand => dashboardCommand.Use(RecordCommandAsync));

        return app.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [],
            IsReadOnlyFunc = dashboard => !dashboard.GetHttpContext().User.Grants(PlatformPermissions.RerunJobs),
            AppPath = "/",
            DashboardTitle = "CleanLedger jobs",
        }).RequireAuthorization(PlatformAuthorization.PolicyFor(PlatformPermissions.ViewJobs));
    }

    private static async Task RecordCommandAsync(HttpContext context, RequestDelegate next)
    {
        // Checked here as the dashboard checks it, so a forged request leaves no audit row either.
        if (!await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        context.Request.Path.StartsWithSegments(Path, out var command);
        var jobs = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(context.RequestAborted))[BatchJobsField].ToArray() : [];
        var actions = ActionsOf(command.Value!, jobs).ToList();
        if (!actions.All(action => NamesAJob(action.Job)))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var sender = context.RequestServices.GetRequiredService<ISender>();
        var storage = context.RequestServices.GetRequiredService<JobStorage>();
        try
        {
            foreach (var (action, job) in actions)
                await sender.Send(new RecordJobAction(action, job, Describe(storage, job)), context.RequestAborted);
        }
        catch (ForbiddenException)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        catch (ValidationException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await next(context);
    }

    /// <summary>
    /// What a dashboard command does to which jobs: one job in the path
    /// (/jobs/actions/requeue/42), or a batch in the form (/jobs/failed/requeue, /recurring/trigger).
    /// </summary>
    private static IEnumerable<(string Action, string Job)> ActionsOf(string command, IEnumerable<string?> batch) =>
        command.Trim('/').Split('/') switch
        {
            ["jobs", "actions", var action, var job] => [(action, job)],
            ["recurring", var action] => batch.OfType<string>().Select(job => (action, RecurringPrefix + job)),
            [.., var action] => batch.OfType<string>().Select(job => (action, job)),
            _ => [],
        };

    /// <summary>A recurring job's name, or a job's id: both our job storages number their jobs, so anything else names none.</summary>
    private static bool NamesAJob(string job) =>
        job.StartsWith(RecurringPrefix, StringComparison.Ordinal) || long.TryParse(job, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    /// <summary>What the job runs, while the storage still has it.</summary>
    private static string? Describe(JobStorage storage, string job) =>
        job.StartsWith(RecurringPrefix, StringComparison.Ordinal) ? null : storage.GetMonitoringApi().JobDetails(job)?.Job?.ToString();
}
