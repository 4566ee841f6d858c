using CleanLedger.Api.Hosting;
using CleanLedger.Application.Receipts.Metrics;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanLedger.Api.Endpoints;

/// <summary>
/// Operations' view of the receipt pipeline, for staff whose platform role may read metrics
/// (operators and admins): Prometheus text of the live instruments, and the durable KPIs, latency
/// and alerts (they survive a restart).
/// </summary>
public static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(MetricsAuthorization.ViewMetricsPolicy);

        var metrics = app.MapGroup("/metrics").WithTags(OpenApiConventions.HealthTag).RequireAuthorization(MetricsAuthorization.ViewMetricsPolicy);
        metrics.MapGet("/kpi", Kpi).WithName("GetKpis")
            .WithSummary("Automation attempts, successes and rate; compliance blocks at pre-check and at posting (operators and admins).")
            .WithCommonProblems().ProducesProblem(StatusCodes.Status403Forbidden);
        metrics.MapGet("/flow", Flow).WithName("GetFlow")
            .WithSummary("Upload→posted latency p50/p95/p99 in milliseconds, and the documents waiting (operators and admins).")
            .WithCommonProblems().ProducesProblem(StatusCodes.Status403Forbidden);
        metrics.MapGet("/alerts", Alerts).WithName("GetAlerts")
            .WithSummary("Active alerts: OCR queue depth, documents waiting too long, failed documents (operators and admins).")
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
