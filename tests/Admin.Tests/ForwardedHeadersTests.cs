using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CleanLedger.Admin.Tests;

/// <summary>The Admin behind a TLS proxy at <see cref="Proxy"/> that talks plain http to it.</summary>
public sealed class ProxiedAdminFactory() : AdminFactory(DatabaseProvider.Sqlite)
{
    public const string Proxy = "10.0.0.1";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ForwardedHeaders:KnownProxies:0"] = Proxy,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        PeerAddress.AddTo(builder);
    }
}

/// <summary>The admin cookie is Secure when the configured proxy says the browser came over https, and only then.</summary>
public sealed class ForwardedHeadersTests(ProxiedAdminFactory factory) : IClassFixture<ProxiedAdminFactory>
{
    [Fact]
    public async Task Over_https_through_the_configured_proxy_the_admin_cookie_is_secure() =>
        (await SignInCookieAsync(ProxiedAdminFactory.Proxy)).ShouldContain("secure", Case.Insensitive);

    [Fact]
    public async Task A_forwarded_scheme_from_an_address_that_is_not_the_proxy_is_ignored() =>
        (await SignInCookieAsync("198.51.100.7")).ShouldNotContain("secure", Case.Insensitive);

    /// <summary>Signs in as the local admin with every request claiming https from <paramref name="peer"/>; the admin cookie as set.</summary>
    private async Task<string> SignInCookieAsync(string peer)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await client.SendAsync(Proxied(HttpMethod.Get, peer));
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var form = await new HtmlParser().ParseDocumentAsync(await page.Content.ReadAsStringAsync());
        var token = ((IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value;

        var signIn = Proxied(HttpMethod.Post, peer);
        signIn.Headers.Add("Cookie", string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(cookie => cookie.Split(';')[0])));
        signIn.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token!)]);
        var signedIn = await client.SendAsync(signIn);

        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return signedIn.Headers.GetValues("Set-Cookie").Single(cookie => cookie.StartsWith("cleanledger.admin=", StringComparison.Ordinal));
    }

    private static HttpRequestMessage Proxied(HttpMethod method, string peer)
    {
        var request = new HttpRequestMessage(method, "/account/login");
        request.Headers.Add(PeerAddress.Header, peer);
        request.Headers.Add("X-Forwarded-For", "203.0.113.5");
        request.Headers.Add("X-Forwarded-Proto", "https");
        return request;
    }
}
