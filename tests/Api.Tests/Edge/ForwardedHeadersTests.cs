using System.Net;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;
using Microsoft.AspNetCore.Hosting;

namespace CleanLedger.Api.Tests.Edge;

/// <summary>The Api behind a TLS proxy at <see cref="Proxy"/>, two requests per client address.</summary>
public sealed class ProxiedApiFactory() : ApiFactory(DatabaseProvider.Sqlite)
{
    public const string Proxy = "10.0.0.1";
    public const int PermitsPerIp = 2;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ForwardedHeaders:KnownProxies:0"] = Proxy,
        ["RateLimiting:PerIp:PermitLimit"] = PermitsPerIp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:PerIp:WindowSeconds"] = "3600",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        PeerAddress.AddTo(builder);
    }
}

/// <summary>X-Forwarded-For is believed from the configured proxy only: per-IP limits see clients behind it, and nobody else can choose their bucket.</summary>
public sealed class ForwardedHeadersTests(ProxiedApiFactory factory) : IClassFixture<ProxiedApiFactory>
{
    [Fact]
    public async Task Behind_the_configured_proxy_each_client_address_has_a_rate_limit_of_its_own()
    {
        for (var i = 0; i < ProxiedApiFactory.PermitsPerIp; i++)
            (await AnonymousGetAsync(ProxiedApiFactory.Proxy, "203.0.113.5")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await AnonymousGetAsync(ProxiedApiFactory.Proxy, "203.0.113.5")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await AnonymousGetAsync(ProxiedApiFactory.Proxy, "203.0.113.6")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task From_an_address_that_is_not_a_configured_proxy_the_header_is_ignored()
    {
        for (var i = 0; i < ProxiedApiFactory.PermitsPerIp; i++)
            (await AnonymousGetAsync("198.51.100.7", $"203.0.113.{100 + i}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A fresh forwarded address each time does not give a fresh bucket: the peer's is spent.
        (await AnonymousGetAsync("198.51.100.7", "203.0.113.200")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    // Anonymous and rate-limited (the liveness probe /healthz is exempt from limits).
    private Task<HttpResponseMessage> AnonymousGetAsync(string peer, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics/health");
        request.Headers.Add(PeerAddress.Header, peer);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return factory.CreateClient().SendAsync(request);
    }
}
