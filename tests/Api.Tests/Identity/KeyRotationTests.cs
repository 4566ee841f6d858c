using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Identity.Tokens.RotateSigningKeys;
using CleanLedger.Domain.Identity;
using CleanLedger.Infrastructure.Jobs;
using CleanLedger.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using CleanLedger.Testing;

namespace CleanLedger.Api.Tests.Identity;

/// <summary>
/// A next key is published before it signs; after the switch the previous key still validates the
/// tokens it signed until it retires; a retired key's tokens are 401 and it is no longer published.
/// </summary>
public abstract class KeyRotationTests<TFactory>(TFactory factory) : IClassFixture<TFactory>, IAsyncLifetime
    where TFactory : OwnTokenApiFactory
{
    private readonly TestUser _user = TestUser.New("Rolf Rotation");

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_key_moves_from_published_to_signing_to_validating_to_retired()
    {
        var first = await factory.SignInAsync(_user);
        var firstKid = OwnTokens.KidOf(first.AccessToken);

        (await factory.RotateKeysAsync()).NewKey.ShouldBe(SigningKeyState.Next);
        var published = await factory.PublishedKidsAsync();
        published.Count.ShouldBe(2);
        var nextKid = published.Single(kid => kid != firstKid);
        var beforeSwitch = await factory.SignInAsync(TestUser.New("Before Switch"));
        OwnTokens.KidOf(beforeSwitch.AccessToken).ShouldBe(firstKid);

        (await factory.RotateKeysAsync()).Transitions.Select(move => (move.Kid, move.To)).ShouldBe(
            [(nextKid, SigningKeyState.Current), (firstKid, SigningKeyState.Previous)], ignoreOrder: true);
        var afterSwitch = await factory.SignInAsync(TestUser.New("After Switch"));
        OwnTokens.KidOf(afterSwitch.AccessToken).ShouldBe(nextKid);
        (await factory.MeStatusAsync(first.AccessToken)).ShouldBe(HttpStatusCode.OK);
        (await factory.PublishedKidsAsync()).ShouldContain(firstKid);

        await factory.LetPreviousKeysExpireAsync();
        (await factory.RotateKeysAsync()).Transitions.ShouldContain(move => move.Kid == firstKid && move.To == SigningKeyState.Retired);

        (await factory.MeStatusAsync(first.AccessToken)).ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.MeStatusAsync(beforeSwitch.AccessToken)).ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.MeStatusAsync(afterSwitch.AccessToken)).ShouldBe(HttpStatusCode.OK);
        (await factory.PublishedKidsAsync()).ShouldNotContain(firstKid);
    }

    [Fact]
    public async Task The_recurring_job_runs_the_rotation_as_the_automation_and_each_move_is_audited()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SigningKeyRotationJob>().RunAsync(CancellationToken.None);
        await factory.RotateKeysAsync();

        (await factory.PublishedKidsAsync()).Count.ShouldBe(2);
        (await AuditedAsync()).ShouldBe(
        [
            (RotateSigningKeysHandler.KeyCreated, SystemActor.AutomationId),
            (RotateSigningKeysHandler.KeyCreated, SystemActor.AutomationId),
        ]);
    }

    [Fact]
    public async Task Discovery_names_our_issuer_the_jwks_and_the_token_endpoint_and_the_jwks_holds_public_halves_only()
    {
        await factory.SignInAsync(_user);
        var client = factory.CreateClient();

        var configuration = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        var jwks = await client.GetStringAsync("/.well-known/jwks.json");

        configuration.GetProperty("issuer").GetString().ShouldBe("http://localhost");
        configuration.GetProperty("jwks_uri").GetString().ShouldBe("http://localhost/.well-known/jwks.json");
        configuration.GetProperty("token_endpoint").GetString().ShouldBe("http://localhost/api/v1/auth/token");
        var key = JsonDocument.Parse(jwks).RootElement.GetProperty("keys").EnumerateArray().Single();
        key.GetProperty("kty").GetString().ShouldBe("EC");
        key.GetProperty("crv").GetString().ShouldBe("P-256");
        key.GetProperty("alg").GetString().ShouldBe("ES256");
        key.TryGetProperty("d", out _).ShouldBeFalse();
    }

    private async Task<IReadOnlyList<(string Action, Guid? UserId)>> AuditedAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DbSession>().QueryAsync<(string, Guid?)>(
            "SELECT action, user_id FROM platform_audit_events ORDER BY occurred_at, id", null, CancellationToken.None);
    }
}

public sealed class KeyRotationTestsOnPostgres(PostgresOwnTokenApiFactory factory) : KeyRotationTests<PostgresOwnTokenApiFactory>(factory);

public sealed class KeyRotationTestsOnSqlite(SqliteOwnTokenApiFactory factory) : KeyRotationTests<SqliteOwnTokenApiFactory>(factory);
