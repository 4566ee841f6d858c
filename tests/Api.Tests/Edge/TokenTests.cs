using System.Net;
using System.Net.Http.Headers;
using CleanLedger.Api.Hosting;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Domain.Access;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CleanLedger.Api.Tests.Edge;

/// <summary>Which bearer tokens the Api takes: its own key's, unexpired give or take 30 seconds.</summary>
public sealed class TokenTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    /// <summary>The development key this repository once carried in its settings, readable by anyone.</summary>
    private const string FormerlyCommittedKey = "cleanledger-local-development-signing-key-not-a-secret";

    private readonly TestUser _user = TestUser.New("Tess Token");

    [Fact]
    public async Task A_token_that_expires_in_the_future_is_accepted() =>
        (await MeAsync(Token(issuedAgo: TimeSpan.FromMinutes(1), lifetime: TimeSpan.FromMinutes(2)))).StatusCode.ShouldBe(HttpStatusCode.OK);

    [Theory]
    [InlineData(31)]
    [InlineData(4 * 60)]
    public async Task A_token_expired_more_than_the_clock_skew_ago_is_refused(int expiredSecondsAgo)
    {
        var lifetime = TimeSpan.FromMinutes(5);

        var response = await MeAsync(Token(issuedAgo: lifetime + TimeSpan.FromSeconds(expiredSecondsAgo), lifetime));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        Authentication.MaxClockSkew.ShouldBeLessThan(TimeSpan.FromSeconds(expiredSecondsAgo));
    }

    [Fact]
    public async Task A_token_signed_with_any_other_key_is_refused_even_the_formerly_committed_one()
    {
        var auth = Auth();
        auth.DevSigningKey = FormerlyCommittedKey;

        var forged = DevTokens.Create(auth, Environment(), _user.Id, _user.Name, platformRole: PlatformRole.Admin, TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow);

        (await MeAsync(forged)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void A_generated_key_is_kept_for_the_next_start_readable_by_its_owner_only_and_differs_per_machine()
    {
        var folder = Directory.CreateTempSubdirectory("cleanledger-key-").FullName;
        try
        {
            var path = Path.Combine(folder, "data", "dev-signing-key");

            var first = DevTokens.KeyKeptIn(path);

            DevTokens.KeyKeptIn(path).ShouldBe(first);
            Convert.FromBase64String(first).Length.ShouldBe(32);
            DevTokens.KeyKeptIn(Path.Combine(folder, "elsewhere", "dev-signing-key")).ShouldNotBe(first);
            if (!OperatingSystem.IsWindows())
                File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string Token(TimeSpan issuedAgo, TimeSpan lifetime) =>
        DevTokens.Create(Auth(), Environment(), _user.Id, _user.Name, platformRole: null, lifetime, DateTimeOffset.UtcNow - issuedAgo);

    private AuthOptions Auth() => factory.Services.GetRequiredService<IConfiguration>().GetSection(AuthOptions.Section).Get<AuthOptions>()!;

    private IHostEnvironment Environment() => factory.Services.GetRequiredService<IHostEnvironment>();

    private Task<HttpResponseMessage> MeAsync(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return factory.CreateClient().SendAsync(request);
    }
}
