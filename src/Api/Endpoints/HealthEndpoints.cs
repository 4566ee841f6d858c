using System.Text.Json;
using CleanLedger.Api.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanLedger.Api.Endpoints;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = WriteHealthAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).DisableRateLimiting();

        app.MapGet("/metrics/health", () => TypedResults.Ok(new HealthStatusResponse("ok")))
            .WithName("GetMetricsHealth")
            .WithTags(OpenApiConventions.HealthTag)
            .WithSummary("Liveness of the metrics pipeline; needs no authentication.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AllowAnonymous();
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        object body = report.Status == HealthStatus.Unhealthy
            ? new
            {
                status = "unhealthy",
                failing = report.Entries.Where(entry => entry.Value.Status == HealthStatus.Unhealthy)
                    .Select(entry => new { check = entry.Key, description = entry.Value.Description }),
            }
            : new HealthStatusResponse("ok");
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}

public sealed record HealthStatusResponse(string Status);
