using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Identity.Tokens;
using CleanLedger.Application.Identity.Tokens.RotateSigningKeys;
using CleanLedger.Domain.Identity;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Infrastructure.Persistence.Identity;
using CleanLedger.Infrastructure.Security.Tokens;
using CleanLedger.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Api.Tests.Identity;

/// <summary>
/// The Api with key rotation that moves at every run (no waiting for the interval or the
/// publication time), a family locked after <see cref="FailedRefreshLimit"/> refused refreshes, and
/// credentials and sign-in rate limits far above what a test sends.
/// </summary>
public abstract class OwnTokenApiFactory(DatabaseProvider provider) : ApiFactory(provider)
{
    public const int FailedRefreshLimit = 3;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:Tokens:RotateEvery"] = "00:00:00",
        ["Auth:Tokens:PublishBeforeUse"] = "00:00:00",
        ["Auth:Tokens:FailedRefreshLimit"] = FailedRefreshLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:Credentials:PermitLimit"] = "1000",
        ["RateLimiting:SignIn:PerIp:PermitLimit"] = "1000",
        ["RateLimiting:SignIn:PerClient:PermitLimit"] = "1000",
    };
}

public sealed class PostgresOwnTokenApiFactory() : OwnTokenApiFactory(DatabaseProvider.Postgres);

public sealed class SqliteOwnTokenApiFactory() : OwnTokenApiFactory(DatabaseProvider.Sqlite);

/// <summary>What the token tests do to the Api: sign a user in, rotate keys, refresh, call a route.</summary>
public static class OwnTokens
{
    /// <summary>A user with an organisation (so the users row exists), signed in with our tokens as a BankID sign-in would.</summary>
    public static async Task<TokenPair> SignInAsync(this ApiFactory factory, TestUser user)
    {
        await factory.ClientFor(user).CreateOrganizationAsync($"{user.Name} AB");
        await using var scope = factory.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await session.BeginAsync(CancellationToken.None);
        var tokens = await scope.ServiceProvider.GetRequiredService<TokenSessions>().StartAsync(user.Id, user.Name, DateTimeOffset.UtcNow, CancellationToken.None);
        await session.CommitAsync(CancellationToken.None);
        return tokens;
    }

    /// <summary>One run of the rotation, as the recurring job runs it.</summary>
    public static async Task<KeyRotationPlan> RotateKeysAsync(this ApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SignInAutomation();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RotateSigningKeys());
    }

    /// <summary>The key signing now, private half included: what an attacker with a stolen claim set would still lack.</summary>
    public static async Task<EcdsaSigningKey> CurrentKeyAsync(this ApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<SigningKeyRing>().CurrentAsync(CancellationToken.None))!;
    }

    /// <summary>Moves a previous key's retirement into the past, as the passing of the access-token lifetime would.</summary>
    public static async Task LetPreviousKeysExpireAsync(this ApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await session.BeginAsync(CancellationToken.None);
        await session.ExecuteAsync(
            $"UPDATE signing_keys SET retire_at = @past WHERE state = '{SigningKeyState.Previous}'",
            new { past = DateTimeOffset.UtcNow.AddSeconds(-1) },
            CancellationToken.None);
        await session.CommitAsync(CancellationToken.None);
    }

    public static Task<HttpResponseMessage> RefreshAsync(this HttpClient client, string refreshToken) =>
        client.PostAsync("/api/v1/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        }));

    public static async Task<HttpStatusCode> MeStatusAsync(this ApiFactory factory, string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return (await factory.CreateClient().SendAsync(request)).StatusCode;
    }

    public static async Task<IReadOnlyList<string>> PublishedKidsAsync(this ApiFactory factory)
    {
        var jwks = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");
        return jwks.GetProperty("keys").EnumerateArray().Select(key => key.GetProperty("kid").GetString()!).ToList();
    }

    public static string KidOf(string jwt) =>
        JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(jwt.Split('.')[0])).RootElement.GetProperty("kid").GetString()!;
}
