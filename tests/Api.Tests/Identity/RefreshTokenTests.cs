using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Application.Identity.Tokens.RefreshSession;
using CleanLedger.Domain.Identity;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Api.Tests.Identity;

/// <summary>A refresh token is good once; presenting a used one again revokes its whole family.</summary>
public abstract class RefreshTokenTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : OwnTokenApiFactory
{
    /// <summary>How many clients race with one token.</summary>
    private const int ParallelRefreshes = 20;

    private readonly TestUser _user = TestUser.New("Rut Refresh");

    [Fact]
    public async Task A_refresh_answers_a_working_access_token_and_a_new_refresh_token_and_the_old_one_then_fails()
    {
        var signedIn = await factory.SignInAsync(_user);
        var client = factory.CreateClient();

        var refreshed = await client.RefreshAsync(signedIn.RefreshToken);

        var (accessToken, refreshToken) = await refreshed.ReadTokensAsync();
        refreshed.Headers.CacheControl!.NoStore.ShouldBeTrue();
        refreshToken.ShouldNotBe(signedIn.RefreshToken);
        (await factory.MeStatusAsync(accessToken)).ShouldBe(HttpStatusCode.OK);
        await ShouldBeRefusedAsync(await client.RefreshAsync(signedIn.RefreshToken));
    }

    [Fact]
    public async Task The_access_token_names_our_user_and_reaches_their_organisation()
    {
        var signedIn = await factory.SignInAsync(_user);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", signedIn.AccessToken);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");

        me.GetProperty("userId").GetGuid().ShouldBe(_user.Id);
        me.GetProperty("memberships").GetArrayLength().ShouldBe(1);
        (await client.CreateOrganizationAsync("Andra Bolaget AB")).ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task Reusing_a_used_refresh_token_revokes_the_family_and_is_audited()
    {
        var signedIn = await factory.SignInAsync(_user);
        var client = factory.CreateClient();
        var (_, second) = await (await client.RefreshAsync(signedIn.RefreshToken)).ReadTokensAsync();
        var (_, third) = await (await client.RefreshAsync(second)).ReadTokensAsync();

        await ShouldBeRefusedAsync(await client.RefreshAsync(signedIn.RefreshToken));

        await ShouldBeRefusedAsync(await client.RefreshAsync(second));
        await ShouldBeRefusedAsync(await client.RefreshAsync(third));
        // One reuse, one family revoked: what is presented after that is refused as revoked.
        (await AuditedAsync(RefreshSessionHandler.ReuseDetected)).ShouldBe(1);
    }

    [Fact]
    public async Task Reuse_revokes_a_later_token_nobody_has_used_yet()
    {
        var signedIn = await factory.SignInAsync(_user);
        var client = factory.CreateClient();
        var (_, later) = await (await client.RefreshAsync(signedIn.RefreshToken)).ReadTokensAsync();

        await ShouldBeRefusedAsync(await client.RefreshAsync(signedIn.RefreshToken));

        await ShouldBeRefusedAsync(await client.RefreshAsync(later));
    }

    [Fact]
    public async Task Of_parallel_refreshes_with_one_token_exactly_one_succeeds_and_the_race_counts_as_reuse()
    {
        var signedIn = await factory.SignInAsync(_user);

        var responses = await Task.WhenAll(Enumerable.Range(0, ParallelRefreshes).Select(_ => factory.CreateClient().RefreshAsync(signedIn.RefreshToken)));

        responses.Count(response => response.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        foreach (var refused in responses.Where(response => response.StatusCode != HttpStatusCode.OK))
            await ShouldBeRefusedAsync(refused);
        var (_, winners) = await responses.Single(response => response.StatusCode == HttpStatusCode.OK).ReadTokensAsync();
        await ShouldBeRefusedAsync(await factory.CreateClient().RefreshAsync(winners));
    }

    [Fact]
    public async Task Refused_refreshes_of_a_familys_old_token_lock_the_family_at_the_limit_and_are_audited_once()
    {
        var signedIn = await factory.SignInAsync(_user);
        var client = factory.CreateClient();
        var (_, second) = await (await client.RefreshAsync(signedIn.RefreshToken)).ReadTokensAsync();
        await ExpireAsync(signedIn.RefreshToken);
        for (var refusal = 1; refusal < OwnTokenApiFactory.FailedRefreshLimit; refusal++)
            await ShouldBeRefusedAsync(await client.RefreshAsync(signedIn.RefreshToken));
        var (_, third) = await (await client.RefreshAsync(second)).ReadTokensAsync();

        await ShouldBeRefusedAsync(await client.RefreshAsync(signedIn.RefreshToken));

        await ShouldBeRefusedAsync(await client.RefreshAsync(third));
        await ShouldBeRefusedAsync(await client.RefreshAsync(signedIn.RefreshToken));
        (await AuditedAsync(RefreshSessionHandler.FamilyLocked)).ShouldBe(1);
        (await AuditedAsync(RefreshSessionHandler.ReuseDetected)).ShouldBe(0);
    }

    [Fact]
    public async Task Logout_revokes_the_family()
    {
        var signedIn = await factory.SignInAsync(_user);
        var client = factory.CreateClient();
        var (_, second) = await (await client.RefreshAsync(signedIn.RefreshToken)).ReadTokensAsync();

        var logout = await client.PostAsync("/api/v1/auth/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["refresh_token"] = second }));

        logout.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ShouldBeRefusedAsync(await client.RefreshAsync(second));
    }

    [Theory]
    [InlineData("password", "x", "unsupported_grant_type")]
    [InlineData("refresh_token", "", "invalid_request")]
    [InlineData("refresh_token", "never-issued", "invalid_grant")]
    public async Task A_bad_token_request_is_a_400_problem_with_the_oauth_error(string grantType, string refreshToken, string error)
    {
        var response = await factory.CreateClient().PostAsync("/api/v1/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = grantType,
            ["refresh_token"] = refreshToken,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().ShouldBe(error);
    }

    [Fact]
    public async Task A_token_request_that_is_not_a_urlencoded_form_is_415_and_uses_nothing()
    {
        var signedIn = await factory.SignInAsync(_user);
        var multipart = new MultipartFormDataContent
        {
            { new StringContent("refresh_token"), "grant_type" },
            { new StringContent(signedIn.RefreshToken), "refresh_token" },
        };

        (await factory.CreateClient().PostAsync("/api/v1/auth/token", multipart)).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { grant_type = "refresh_token", refresh_token = signedIn.RefreshToken }))
            .StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);

        (await factory.CreateClient().RefreshAsync(signedIn.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task ShouldBeRefusedAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().ShouldBe("invalid_grant");
    }

    private async Task<int> AuditedAsync(string action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<DbSession>().QueryAsync<string>(
            "SELECT details FROM platform_audit_events WHERE action = @action",
            new { action },
            CancellationToken.None);
        return rows.Count(details => details.Contains(_user.Id.ToString(), StringComparison.Ordinal));
    }

    /// <summary>Moves a token's end into the past, as thirty days would.</summary>
    private async Task ExpireAsync(string refreshToken)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await session.BeginAsync(CancellationToken.None);
        await session.ExecuteAsync(
            "UPDATE refresh_tokens SET expires_at = @past WHERE token_hash = @hash",
            new { past = DateTimeOffset.UtcNow.AddSeconds(-1), hash = RefreshTokenValue.Hash(refreshToken) },
            CancellationToken.None);
        await session.CommitAsync(CancellationToken.None);
    }
}

public sealed class RefreshTokenTestsOnPostgres(PostgresOwnTokenApiFactory factory) : RefreshTokenTests<PostgresOwnTokenApiFactory>(factory);

public sealed class RefreshTokenTestsOnSqlite(SqliteOwnTokenApiFactory factory) : RefreshTokenTests<SqliteOwnTokenApiFactory>(factory);
