using System.Net;
using CleanLedger.Infrastructure.Persistence;

namespace CleanLedger.Admin.Tests;

public sealed class StrictSignInAdminFactory() : AdminFactory(DatabaseProvider.Sqlite)
{
    public const int Permits = 2;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Credentials:PermitLimit"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:Credentials:WindowSeconds"] = "3600",
    };
}

/// <summary>The sign-in page has a stricter limit of its own than the rest of the Admin.</summary>
public sealed class SignInRateLimitTests(StrictSignInAdminFactory factory) : IClassFixture<StrictSignInAdminFactory>
{
    [Fact]
    public async Task Past_the_credentials_limit_sign_in_answers_429_with_retry_after_while_other_pages_still_answer()
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < StrictSignInAdminFactory.Permits; i++)
            (await client.GetAsync("/account/login")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var refused = await client.GetAsync("/account/login");

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.Contains("Retry-After").ShouldBeTrue();
        (await client.GetAsync("/organizations")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
