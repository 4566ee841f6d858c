using System.Globalization;
using System.Net;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Infrastructure.Persistence;

namespace CleanLedger.Api.Tests.Identity;

public sealed class CredentialLimitedApiFactory() : ApiFactory(DatabaseProvider.Sqlite)
{
    public const int PermitsPerIp = 3;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Credentials:PermitLimit"] = PermitsPerIp.ToString(CultureInfo.InvariantCulture),
        ["RateLimiting:Credentials:WindowSeconds"] = "3600",
    };
}

/// <summary>Guessing refresh tokens is slowed per client address: the token and logout routes share the credentials limit.</summary>
public sealed class TokenRateLimitTests(CredentialLimitedApiFactory factory) : IClassFixture<CredentialLimitedApiFactory>
{
    [Fact]
    public async Task Past_the_credentials_limit_token_and_logout_requests_get_429()
    {
        var client = factory.CreateClient();
        for (var i = 0; i < CredentialLimitedApiFactory.PermitsPerIp; i++)
            (await client.RefreshAsync($"guess-{i}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await client.RefreshAsync("one-guess-too-many")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await client.PostAsync("/api/v1/auth/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["refresh_token"] = "x" })))
            .StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
