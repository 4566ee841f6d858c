using System.Globalization;
using System.Net;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;
using Microsoft.AspNetCore.Hosting;

namespace CleanLedger.Api.Tests.Identity;

/// <summary>
/// Tight sign-in and credentials limits, and requests from the peer address a test names. BankID
/// is not configured: the limits count requests before any route answers.
/// </summary>
public sealed class CredentialLimitedApiFactory() : ApiFactory(DatabaseProvider.Sqlite)
{
    public const int CredentialsPerIp = 3;
    public const int SignInsPerIp = 6;
    public const int SignInsPerClient = 2;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Credentials:PermitLimit"] = CredentialsPerIp.ToString(CultureInfo.InvariantCulture),
        ["RateLimiting:Credentials:WindowSeconds"] = "3600",
        ["RateLimiting:SignIn:PerIp:PermitLimit"] = SignInsPerIp.ToString(CultureInfo.InvariantCulture),
        ["RateLimiting:SignIn:PerIp:WindowSeconds"] = "3600",
        ["RateLimiting:SignIn:PerClient:PermitLimit"] = SignInsPerClient.ToString(CultureInfo.InvariantCulture),
        ["RateLimiting:SignIn:PerClient:WindowSeconds"] = "3600",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        PeerAddress.AddTo(builder);
    }
}

/// <summary>
/// Guessing is slowed: BankID start, callback and the token route share a window per address and
/// a tighter one per client (its sign-in cookie, or its address without one); logout has the
/// per-address credentials window.
/// </summary>
public sealed class TokenRateLimitTests(CredentialLimitedApiFactory factory) : IClassFixture<CredentialLimitedApiFactory>
{
    private static readonly string[] SignInRoutes = ["/api/v1/auth/bankid/start", "/api/v1/auth/bankid/callback?state=s&code=c", "/api/v1/auth/token"];

    [Fact]
    public async Task Past_its_limit_one_client_gets_429_on_every_sign_in_route_while_another_client_at_the_same_address_goes_on()
    {
        var address = NewAddress();
        for (var i = 0; i < CredentialLimitedApiFactory.SignInsPerClient; i++)
            (await SendAsync(SignInRoutes[i], address, "client-a")).StatusCode.ShouldNotBe(HttpStatusCode.TooManyRequests);

        foreach (var route in SignInRoutes)
            ShouldBeTooMany(await SendAsync(route, address, "client-a"));
        (await SendAsync(SignInRoutes[0], address, "client-b")).StatusCode.ShouldNotBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Past_the_per_address_limit_every_client_there_gets_429_and_another_address_goes_on()
    {
        var address = NewAddress();
        for (var i = 0; i < CredentialLimitedApiFactory.SignInsPerIp; i++)
            (await SendAsync(SignInRoutes[i % SignInRoutes.Length], address, $"client-{i}")).StatusCode.ShouldNotBe(HttpStatusCode.TooManyRequests);

        ShouldBeTooMany(await SendAsync(SignInRoutes[0], address, "a-new-client"));
        var elsewhere = await SendAsync(SignInRoutes[0], NewAddress(), "a-client-elsewhere");
        elsewhere.StatusCode.ShouldNotBe(HttpStatusCode.TooManyRequests, await elsewhere.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Past_the_credentials_limit_logout_requests_get_429()
    {
        var address = NewAddress();
        for (var i = 0; i < CredentialLimitedApiFactory.CredentialsPerIp; i++)
            (await SendAsync("/api/v1/auth/logout", address, client: null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        ShouldBeTooMany(await SendAsync("/api/v1/auth/logout", address, client: null));
    }

    private static int _addresses;

    /// <summary>An address no other test of this host has sent from (TEST-NET-3).</summary>
    private static string NewAddress() => $"203.0.113.{Interlocked.Increment(ref _addresses)}";

    private Task<HttpResponseMessage> SendAsync(string route, string address, string? client)
    {
        var isCallback = route.Contains("callback", StringComparison.Ordinal);
        var request = new HttpRequestMessage(isCallback ? HttpMethod.Get : HttpMethod.Post, route);
        if (route.EndsWith("/token", StringComparison.Ordinal) || route.EndsWith("/logout", StringComparison.Ordinal))
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = "a-guess" });
        request.Headers.Add(PeerAddress.Header, address);
        if (client is not null)
            request.Headers.Add("Cookie", $"{EdgeProtection.SignInClientCookie}={client}");
        return factory.CreateClient().SendAsync(request);
    }

    private static void ShouldBeTooMany(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter.ShouldNotBeNull();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
