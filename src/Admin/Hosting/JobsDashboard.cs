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
        var sender = context.RequestServices.GetRequiredService<ISender>();
        var storage = context.RequestServices.GetRequiredService<JobStorage>();
        try
        {
            foreach (var (action, job) in ActionsOf(command.Value!, jobs))
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
            ["recurring", var action] => batch.OfType<string>().Select(job => (action, $"recurring/{job}")),
            [.., var action] => batch.OfType<string>().Select(job => (action, job)),
            _ => [],
        };

    /// <summary>The job's method, when the id names a job (both our job storages number them); the command itself answers for one that does not.</summary>
    private static string? Describe(JobStorage storage, string job) =>
        long.TryParse(job, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? storage.GetMonitoringApi().JobDetails(job)?.Job?.ToString() : null;
}
