using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using CleanLedger.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Infrastructure.Hosting;

/// <summary>
/// Section "RateLimiting": fixed windows per client IP and per signed-in user for every request,
/// a stricter per-IP window for routes that take credentials (logout), and for the sign-in routes
/// (BankID start and callback, the token route) a window per IP and a tighter one per client.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public WindowLimit PerIp { get; set; } = new();

    public WindowLimit PerUser { get; set; } = new();

    public WindowLimit Credentials { get; set; } = new() { PermitLimit = 10, WindowSeconds = 60 };

    public SignInLimits SignIn { get; set; } = new();

    /// <summary>
    /// An office behind one address signs many people in, so the address gets more than one
    /// browser or app (its sign-in binding cookie; a request without one counts as its address).
    /// </summary>
    public sealed class SignInLimits
    {
        public WindowLimit PerIp { get; set; } = new() { PermitLimit = 60, WindowSeconds = 60 };

        public WindowLimit PerClient { get; set; } = new() { PermitLimit = 10, WindowSeconds = 60 };
    }

    public sealed class WindowLimit
    {
        public int PermitLimit { get; set; } = 600;

        public int WindowSeconds { get; set; } = 60;

        public FixedWindowRateLimiterOptions ToLimiterOptions() =>
            new() { PermitLimit = PermitLimit, Window = TimeSpan.FromSeconds(WindowSeconds), QueueLimit = 0, AutoReplenishment = true };
    }
}

/// <summary>
/// Section "ForwardedHeaders": the TLS proxies in front of a host. Only from these addresses are
/// X-Forwarded-For and X-Forwarded-Proto believed (the client's address for per-IP limits, https
/// for the admin cookie's Secure flag); from anywhere else they are ignored. None configured: none
/// believed.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. "10.0.0.5".</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. "10.0.0.0/24".</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool Any => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

/// <summary>Rate limits, CORS, security headers and body-size limits: what every request meets first, in both hosts.</summary>
public static class EdgeProtection
{
    public const string MeterName = "CleanLedger.Edge";
    public const string CorsPolicy = "configured";
    public const string CredentialsPolicy = "credentials";
    public const string SignInPolicy = "sign-in";

    /// <summary>The cookie that names a browser or app during sign-in (set by the BankID start route).</summary>
    public const string SignInClientCookie = "__Host-cleanledger-signin";

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
                        : RateLimitPartition.GetNoLimiter("anonymous")),
                // An endpoint has one policy, so the sign-in routes' second window (per client) is chained here.
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsSignIn(context)
                        ? RateLimitPartition.GetFixedWindowLimiter(SignInClient(context), _ => limits.SignIn.PerClient.ToLimiterOptions())
                        : RateLimitPartition.GetNoLimiter("not signing in")));
            options.AddPolicy(CredentialsPolicy, context =>
                RateLimitPartition.GetFixedWindowLimiter(ClientIp(context), _ => limits.Credentials.ToLimiterOptions()));
            options.AddPolicy(SignInPolicy, context =>
                RateLimitPartition.GetFixedWindowLimiter(ClientIp(context), _ => limits.SignIn.PerIp.ToLimiterOptions()));
            options.OnRejected = WriteTooManyRequestsAsync;
        });

        var cors = configuration.GetSection(CorsOptions.Section).Get<CorsOptions>() ?? new CorsOptions();
        services.AddCors(options => options.AddPolicy(CorsPolicy, policy =>
        {
            _ = cors.AllowsAnyOrigin ? policy.AllowAnyOrigin() : policy.SetIsOriginAllowed(cors.Allows);
            policy.AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Location", "Retry-After");
        }));

        var proxies = configuration.GetSection(ForwardedHeadersSettings.Section).Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework's default trusts loopback; only what is configured is trusted here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.KnownProxies)
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in proxies.KnownNetworks)
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });

        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestBodySize = configuration.GetValue<long?>("Limits:MaxRequestBodyBytes") ?? 25 * 1024 * 1024);
        return services;
    }

    /// <summary>
    /// The client's address and scheme as the configured proxies forwarded them; first in the
    /// pipeline. Without a configured proxy the middleware is left out: with empty lists it
    /// would believe the headers from anyone.
    /// </summary>
    public static IApplicationBuilder UseConfiguredForwardedHeaders(this IApplicationBuilder app, IConfiguration configuration) =>
        configuration.GetSection(ForwardedHeadersSettings.Section).Get<ForwardedHeadersSettings>() is { Any: true }
            ? app.UseForwardedHeaders()
            : app;

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

    private static bool IsSignIn(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == SignInPolicy;

    /// <summary>The browser's sign-in binding (hashed: the partition key is no secret), or its address when it has none.</summary>
    private static string SignInClient(HttpContext context) =>
        context.Request.Cookies[SignInClientCookie] is { Length: > 0 } binding
            ? "binding:" + Domain.Common.SecretHash.Of(binding)
            : "address:" + ClientIp(context);

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
