using CleanLedger.Api.Hosting;
using CleanLedger.Application.Receipts.Metrics;
using CleanLedger.Infrastructure.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanLedger.Api.Endpoints;

/// <summary>
/// Operations' view of the receipt pipeline, for platform admins: Prometheus text of the live
/// instruments, and the durable KPIs, latency and alerts (they survive a restart).
/// </summary>
public static class MetricsEndpoints
{
    public const string PlatformAdminPolicy = "PlatformAdmin";

    public static IServiceCollection AddMetricsAuthorization(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(PlatformAdminPolicy, policy => policy.RequireAuthenticatedUser()
                .RequireClaim(PrincipalMapping.RoleClaim, PrincipalMapping.PlatformAdminRole))
            .Services;

    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(PlatformAdminPolicy);

        var metrics = app.MapGroup("/metrics").WithTags(OpenApiConventions.HealthTag).RequireAuthorization(PlatformAdminPolicy);
        metrics.MapGet("/kpi", Kpi).WithName("GetKpis")
            .WithSummary("Automation attempts, successes and rate; compliance blocks at pre-check and at posting (platform admins).")
            .WithCommonProblems().ProducesProblem(StatusCodes.Status403Forbidden);
        metrics.MapGet("/flow", Flow).WithName("GetFlow")
            .WithSummary("Upload→posted latency p50/p95/p99 in milliseconds, and the documents waiting (platform admins).")
            .WithCommonProblems().ProducesProblem(StatusCodes.Status403Forbidden);
        metrics.MapGet("/alerts", Alerts).WithName("GetAlerts")
            .WithSummary("Active alerts: OCR queue depth, documents waiting too long, failed documents (platform admins).")
            .WithCommonProblems().ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Ok<KpiReport>> Kpi(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok((await sender.Send(new GetPipelineReport(), cancellationToken)).Kpi);

    private static async Task<Ok<FlowReport>> Flow(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok((await sender.Send(new GetPipelineReport(), cancellationToken)).Flow);

    private static async Task<Ok<AlertsResponse>> Alerts(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AlertsResponse((await sender.Send(new GetPipelineReport(), cancellationToken)).Alerts));
}

public sealed record AlertsResponse(IReadOnlyList<Alert> Alerts);
