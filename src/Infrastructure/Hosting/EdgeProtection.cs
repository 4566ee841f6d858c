using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.RateLimiting;
using CleanLedger.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Infrastructure.Hosting;

/// <summary>
/// Section "RateLimiting": fixed windows per client IP and per signed-in user for every request,
/// and a stricter per-IP window for routes that take credentials (sign-in, tokens).
/// </summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public WindowLimit PerIp { get; set; } = new();

    public WindowLimit PerUser { get; set; } = new();

    public WindowLimit Credentials { get; set; } = new() { PermitLimit = 10, WindowSeconds = 60 };

    public sealed class WindowLimit
    {
        public int PermitLimit { get; set; } = 600;

        public int WindowSeconds { get; set; } = 60;

        public FixedWindowRateLimiterOptions ToLimiterOptions() =>
            new() { PermitLimit = PermitLimit, Window = TimeSpan.FromSeconds(WindowSeconds), QueueLimit = 0, AutoReplenishment = true };
    }
}

/// <summary>Rate limits, CORS, security headers and body-size limits: what every request meets first, in both hosts.</summary>
public static class EdgeProtection
{
    public const string MeterName = "CleanLedger.Edge";
    public const string CorsPolicy = "configured";
    public const string CredentialsPolicy = "credentials";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> BlockedRequests =
        Meter.CreateCounter<long>("cleanledger.ratelimit.blocked", "{request}", "Requests refused by the rate limiter.");

    public static IServiceCollection AddEdgeProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitingOptions.Section).Get<RateLimitingOptions>() ?? new RateLimitingOptions();
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    RateLimitPartition.GetFixedWindowLimiter(ClientIp(context), _ => limits.PerIp.ToLimiterOptions())),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    context.User.FindFirst(PrincipalMapping.SubjectClaim)?.Value is { } subject
                        ? RateLimitPartition.GetFixedWindowLimiter(subject, _ => limits.PerUser.ToLimiterOptions())
                        : RateLimitPartition.GetNoLimiter("anonymous")));
            options.AddPolicy(CredentialsPolicy, context =>
                RateLimitPartition.GetFixedWindowLimiter(ClientIp(context), _ => limits.Credentials.ToLimiterOptions()));
            options.OnRejected = WriteTooManyRequestsAsync;
        });

        var cors = configuration.GetSection(CorsOptions.Section).Get<CorsOptions>() ?? new CorsOptions();
        services.AddCors(options => options.AddPolicy(CorsPolicy, policy =>
        {
            _ = cors.AllowsAnyOrigin ? policy.AllowAnyOrigin() : policy.WithOrigins(cors.AllowedOrigins);
            policy.AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Location", "Retry-After");
        }));

        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestBodySize = configuration.GetValue<long?>("Limits:MaxRequestBodyBytes") ?? 25 * 1024 * 1024);
        return services;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });

    private static string ClientIp(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask WriteTooManyRequestsAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        BlockedRequests.Add(1);
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"Try again in {seconds} s.",
            },
        });
    }
}
