using System.Diagnostics.Metrics;
using System.Net;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CleanLedger.Api.Tests.Edge;

public sealed class RateLimitedApiFactory() : ApiFactory(DatabaseProvider.Sqlite)
{
    public const int PermitsPerUser = 3;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:PerUser:PermitLimit"] = PermitsPerUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:PerUser:WindowSeconds"] = "3600",
    };
}

/// <summary>Staging: JWT only, an origin allow-list, HSTS; the guards must let this configuration start.</summary>
public sealed class StagingApiFactory() : ApiFactory(DatabaseProvider.Postgres)
{
    public const string AllowedOrigin = "https://app.cleanledger.test";

    protected override string Environment => AppEnvironments.Staging;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(TestKeyRing.Settings())
    {
        ["Auth:StubUser"] = "false",
        ["Auth:Issuer"] = "https://api.cleanledger.test",
        ["Cors:AllowedOrigins:0"] = AllowedOrigin,
        ["Documents:Store"] = "s3",
        ["Documents:S3:Endpoint"] = "http://127.0.0.1:1",
    };
}

public sealed class RateLimitTests(RateLimitedApiFactory factory) : IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task Past_the_limit_a_user_gets_429_problem_details_with_retry_after_and_the_block_is_counted()
    {
        using var listener = new BlockedRequestListener();
        var client = factory.ClientFor(Testing.TestUser.New("Busy"));
        for (var i = 0; i < RateLimitedApiFactory.PermitsPerUser; i++)
            (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var refused = await client.GetAsync("/api/v1/me");

        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        retryAfter.ShouldBeInRange(1, 3600);
        listener.Blocked.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Each_user_has_a_partition_of_their_own()
    {
        var first = factory.ClientFor(Testing.TestUser.New("First"));
        for (var i = 0; i <= RateLimitedApiFactory.PermitsPerUser; i++)
            await first.GetAsync("/api/v1/me");

        (await factory.ClientFor(Testing.TestUser.New("Second")).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private sealed class BlockedRequestListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _blocked;

        public BlockedRequestListener()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == EdgeProtection.MeterName && instrument.Name == "cleanledger.ratelimit.blocked")
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _blocked, value));
            _listener.Start();
        }

        public long Blocked => Interlocked.Read(ref _blocked);

        public void Dispose() => _listener.Dispose();
    }
}

public sealed class StagingEdgeTests(StagingApiFactory factory) : IClassFixture<StagingApiFactory>
{
    [Fact]
    public async Task A_disallowed_origin_gets_no_cors_headers()
    {
        var response = await SendWithOriginAsync("https://evil.example");

        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task An_allowed_origin_is_echoed()
    {
        var response = await SendWithOriginAsync(StagingApiFactory.AllowedOrigin);

        response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([StagingApiFactory.AllowedOrigin]);
    }

    [Fact]
    public async Task Without_a_token_there_is_no_stub_user()
    {
        var response = await factory.CreateClient().GetAsync("/api/v1/me");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Https_answers_carry_hsts_and_every_answer_the_security_headers()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://api.cleanledger.test") });

        var response = await client.GetAsync("/healthz");

        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
    }

    private Task<HttpResponseMessage> SendWithOriginAsync(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("Origin", origin);
        return factory.CreateClient().SendAsync(request);
    }
}

public sealed class LocalCorsTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    [Theory]
    [InlineData("http://localhost:5173")]
    [InlineData("http://127.0.0.1:3000")]
    [InlineData("https://localhost:8443")]
    [InlineData("http://[::1]:5173")]
    public async Task An_origin_on_this_machine_on_any_port_is_allowed(string origin)
    {
        var response = await SendWithOriginAsync(origin);

        response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([origin]);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://localhost.evil.example")]
    [InlineData("http://192.168.1.20:5173")]
    [InlineData("null")]
    public async Task Any_other_origin_gets_no_cors_headers(string origin)
    {
        var response = await SendWithOriginAsync(origin);

        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    private Task<HttpResponseMessage> SendWithOriginAsync(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("Origin", origin);
        return factory.CreateClient().SendAsync(request);
    }
}
