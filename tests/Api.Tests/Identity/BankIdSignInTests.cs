using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Application.Identity.BankId.FinishBankIdSignIn;
using CleanLedger.Domain.Identity;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Infrastructure.Security.Identity;
using CleanLedger.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Api.Tests.Identity;

/// <summary>
/// Sign-in with BankID against a real OpenID Provider as the broker, over HTTP: start, the
/// person's sign-in at the provider, the callback, our tokens. Every refusal creates no user.
/// </summary>
public abstract class BankIdSignInTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : BankIdApiFactory
{
    private const int ParallelCallbacks = 10;

    [Fact]
    public async Task A_person_signs_in_with_bankid_and_with_our_tokens_creates_and_reads_an_organisation()
    {
        var person = TestPerson.New("Astrid Andersson");
        await person.EnrolAsync();
        var browser = factory.Browser();

        var started = await browser.StartBankIdAsync();
        var redirect = await OidcTestProvider.SignInAsync(started.AuthorizationUrl, person.Subject);
        var signedIn = await browser.ReturnFromBrokerAsync(redirect);

        signedIn.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var (accessToken, refreshToken) = await signedIn.ReadTokensAsync();
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var orgId = await api.CreateOrganizationAsync("Anderssons Kaffe AB");
        var org = await api.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}");
        org.GetProperty("name").GetString().ShouldBe("Anderssons Kaffe AB");
        var me = await api.GetFromJsonAsync<JsonElement>("/api/v1/me");
        me.GetProperty("memberships").EnumerateArray().Single().GetProperty("orgId").GetGuid().ShouldBe(orgId);
        (await factory.UsersWithAsync(person)).ShouldBe(1);
        (await factory.CreateClient().RefreshAsync(refreshToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_authorization_url_asks_the_broker_for_bankid_with_pkce_and_the_state_it_answers()
    {
        var started = await factory.Browser().StartBankIdAsync();

        started.AuthorizationUrl.GetLeftPart(UriPartial.Authority).ShouldBe(OidcTestProvider.Issuer.GetLeftPart(UriPartial.Authority));
        var query = QueryHelpers.ParseQuery(started.AuthorizationUrl.Query);
        query["response_type"].ToString().ShouldBe("code");
        query["code_challenge_method"].ToString().ShouldBe("S256");
        query["code_challenge"].ToString().Length.ShouldBe(43);
        query["acr_values"].ToString().ShouldBe(OidcTestProvider.BankIdAcr);
        query["scope"].ToString().ShouldBe("openid profile nin");
        query["state"].ToString().ShouldBe(started.State);
        query["nonce"].ToString().ShouldNotBeNullOrEmpty();
        query["redirect_uri"].ToString().ShouldBe(BankIdApiFactory.CallbackUri.ToString());
    }

    [Fact]
    public async Task The_binding_cookie_is_http_only_secure_host_only_and_lax()
    {
        var response = await factory.Browser().PostAsync(BankIdBrowser.StartPath, null);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(header => header.StartsWith(BankIdOptions.BindingCookie + "=", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("secure");
        cookie.ShouldContain("samesite=lax");
        cookie.ShouldContain("path=/");
        cookie.ShouldNotContain("domain=");
    }

    [Fact]
    public async Task A_replayed_state_is_refused_and_creates_nothing_more()
    {
        var person = TestPerson.New("Bertil Berg");
        await person.EnrolAsync();
        var browser = factory.Browser();
        var started = await browser.StartBankIdAsync();
        var redirect = await OidcTestProvider.SignInAsync(started.AuthorizationUrl, person.Subject);
        await (await browser.ReturnFromBrokerAsync(redirect)).ReadTokensAsync();
        var users = (await factory.ValuesOfAsync("users")).Count;

        var replayed = await browser.ReturnFromBrokerAsync(redirect);

        await ShouldBeRefusedAsync(replayed, "invalid_state", "unknown-state");
        (await factory.UsersWithAsync(person)).ShouldBe(1);
        (await factory.ValuesOfAsync("users")).Count.ShouldBe(users);
    }

    [Fact]
    public async Task An_attempt_lives_ten_minutes_and_once_past_them_is_refused_and_creates_no_user()
    {
        var person = TestPerson.New("Bo Bergkvist");
        await person.EnrolAsync();
        var browser = factory.Browser();
        var started = await browser.StartBankIdAsync();
        var redirect = await OidcTestProvider.SignInAsync(started.AuthorizationUrl, person.Subject);
        var stateHash = SignInAttemptSecrets.Hash(started.State);
        var attempt = (await factory.QueryAsync<(DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)>(
            "SELECT created_at, expires_at FROM sign_in_attempts WHERE state_hash = @stateHash", new { stateHash })).Single();
        (attempt.ExpiresAt - attempt.CreatedAt).ShouldBe(TimeSpan.FromMinutes(10));

        await factory.ExecuteAsync("UPDATE sign_in_attempts SET expires_at = @past WHERE state_hash = @stateHash", new { past = DateTimeOffset.UtcNow.AddSeconds(-1), stateHash });

        await ShouldBeRefusedAsync(await browser.ReturnFromBrokerAsync(redirect), "invalid_state", "unknown-state");
        (await factory.UsersWithAsync(person)).ShouldBe(0);
    }

    [Fact]
    public async Task Of_parallel_callbacks_with_one_state_exactly_one_signs_in()
    {
        var person = TestPerson.New("Britt Bäck");
        await person.EnrolAsync();
        var browser = factory.Browser();
        var redirect = await OidcTestProvider.SignInAsync((await browser.StartBankIdAsync()).AuthorizationUrl, person.Subject);

        var responses = await Task.WhenAll(Enumerable.Range(0, ParallelCallbacks).Select(_ => browser.ReturnFromBrokerAsync(redirect)));

        responses.Count(response => response.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        foreach (var refused in responses.Where(response => response.StatusCode != HttpStatusCode.OK))
            await ShouldBeRefusedAsync(refused, "invalid_state", "unknown-state");
        (await factory.UsersWithAsync(person)).ShouldBe(1);
    }

    [Fact]
    public async Task Two_first_sign_ins_of_one_person_at_once_make_one_user()
    {
        var person = TestPerson.New("Carl Cederlund");
        await person.EnrolAsync();
        var (laptop, phone) = (factory.Browser(), factory.Browser());
        var redirects = await Task.WhenAll(
            OidcTestProvider.SignInAsync((await laptop.StartBankIdAsync()).AuthorizationUrl, person.Subject),
            OidcTestProvider.SignInAsync((await phone.StartBankIdAsync()).AuthorizationUrl, person.Subject));

        var signedIn = await Task.WhenAll(laptop.ReturnFromBrokerAsync(redirects[0]), phone.ReturnFromBrokerAsync(redirects[1]));

        var userIds = new List<Guid>();
        foreach (var response in signedIn)
            userIds.Add(await UserIdAsync((await response.ReadTokensAsync()).AccessToken));
        userIds.Distinct().Count().ShouldBe(1);
        (await factory.UsersWithAsync(person)).ShouldBe(1);
    }

    [Fact]
    public async Task A_state_brought_back_by_another_browser_is_refused_creates_no_user_and_is_used_up()
    {
        var person = TestPerson.New("Cecilia Carlsson");
        await person.EnrolAsync();
        var (starter, other) = (factory.Browser(), factory.Browser());
        await other.StartBankIdAsync();
        var started = await starter.StartBankIdAsync();
        var redirect = await OidcTestProvider.SignInAsync(started.AuthorizationUrl, person.Subject);

        await ShouldBeRefusedAsync(await other.ReturnFromBrokerAsync(redirect), "invalid_state", "other-browser");
        await ShouldBeRefusedAsync(await factory.CreateClient(new() { BaseAddress = BankIdApiFactory.BaseAddress, HandleCookies = false }).ReturnFromBrokerAsync(redirect), "invalid_state", "unknown-state");

        await ShouldBeRefusedAsync(await starter.ReturnFromBrokerAsync(redirect), "invalid_state", "unknown-state");
        (await factory.UsersWithAsync(person)).ShouldBe(0);
    }

    [Fact]
    public async Task The_code_of_one_attempt_brought_back_with_the_state_of_another_is_refused_and_creates_no_user()
    {
        var person = TestPerson.New("David Dahl");
        await person.EnrolAsync();
        var browser = factory.Browser();
        var first = await browser.StartBankIdAsync();
        var second = await browser.StartBankIdAsync();
        var firstRedirect = await OidcTestProvider.SignInAsync(first.AuthorizationUrl, person.Subject);

        var crossed = QueryHelpers.AddQueryString(BankIdApiFactory.CallbackUri.AbsolutePath, new Dictionary<string, string?>
        {
            ["code"] = QueryHelpers.ParseQuery(firstRedirect.Query)["code"].ToString(),
            ["state"] = second.State,
        });

        await ShouldBeRefusedAsync(await browser.GetAsync(crossed), "invalid_identity", "code-refused");
        (await factory.UsersWithAsync(person)).ShouldBe(0);
    }

    [Fact]
    public async Task An_id_token_issued_for_another_nonce_is_refused_and_creates_no_user()
    {
        var person = TestPerson.New("Ebba Ek");
        await person.EnrolAsync();
        var browser = factory.Browser();
        var started = await browser.StartBankIdAsync();
        var query = QueryHelpers.ParseQuery(started.AuthorizationUrl.Query).ToDictionary(pair => pair.Key, pair => (string?)pair.Value.ToString());
        query["nonce"] = "a-nonce-of-someone-elses-choosing";
        var tampered = new Uri(QueryHelpers.AddQueryString(started.AuthorizationUrl.GetLeftPart(UriPartial.Path), query));

        var redirect = await OidcTestProvider.SignInAsync(tampered, person.Subject);

        await ShouldBeRefusedAsync(await browser.ReturnFromBrokerAsync(redirect), "invalid_identity", "nonce-mismatch");
        (await factory.UsersWithAsync(person)).ShouldBe(0);
    }

    [Fact]
    public async Task A_sign_in_with_another_assurance_than_bankid_is_refused_and_creates_no_user()
    {
        var person = TestPerson.New("Filip Fors");
        await person.EnrolAsync();
        var browser = factory.Browser();
        var started = await browser.StartBankIdAsync();

        var redirect = await OidcTestProvider.SignInAsync(started.AuthorizationUrl, person.Subject, OidcTestProvider.PasswordAcr);

        await ShouldBeRefusedAsync(await browser.ReturnFromBrokerAsync(redirect), "invalid_identity", "wrong-assurance");
        (await factory.UsersWithAsync(person)).ShouldBe(0);
    }

    [Fact]
    public async Task A_personnummer_that_fails_its_check_digit_is_refused_and_creates_no_user()
    {
        var person = TestPerson.New("Gun Gran");
        var broken = person with { Personnummer = person.Personnummer[..11] + (char)('0' + (person.Personnummer[11] - '0' + 1) % 10) };
        await broken.EnrolAsync();
        var browser = factory.Browser();
        var started = await browser.StartBankIdAsync();

        var redirect = await OidcTestProvider.SignInAsync(started.AuthorizationUrl, broken.Subject);

        await ShouldBeRefusedAsync(await browser.ReturnFromBrokerAsync(redirect), "invalid_identity", "invalid-personnummer");
        (await factory.ValuesOfAsync("users")).ShouldNotContain(broken.Name);
    }

    [Fact]
    public async Task An_error_from_the_broker_is_a_problem_that_uses_up_the_state()
    {
        var browser = factory.Browser();
        var started = await browser.StartBankIdAsync();

        var cancelled = await browser.GetAsync($"{BankIdApiFactory.CallbackUri.AbsolutePath}?error=access_denied&error_description=cancelled&state={started.State}");

        await ShouldBeRefusedAsync(cancelled, "access_denied", "broker-error");
        await ShouldBeRefusedAsync(await browser.GetAsync($"{BankIdApiFactory.CallbackUri.AbsolutePath}?code=x&state={started.State}"), "invalid_state", "unknown-state");
    }

    [Fact]
    public async Task A_callback_without_a_state_is_a_400_problem()
    {
        var response = await factory.Browser().GetAsync($"{BankIdApiFactory.CallbackUri.AbsolutePath}?code=x");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task The_brokers_own_id_token_is_not_a_credential_for_our_api()
    {
        var person = TestPerson.New("Hugo Holm");
        await person.EnrolAsync();
        var redirectUri = new Uri("https://relying-party.test/callback");
        var tokens = await OidcTestProvider.SignInAsClientAsync(await OidcTestProvider.RegisterClientAsync(redirectUri), redirectUri, person.Subject);

        foreach (var brokerToken in new[] { tokens.GetProperty("id_token").GetString()!, tokens.GetProperty("access_token").GetString()! })
            (await factory.MeStatusAsync(brokerToken)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signing_in_with_a_new_bankid_reaches_the_same_user_and_revokes_the_earlier_sessions_audited()
    {
        var person = TestPerson.New("Ingrid Isaksson");
        await person.EnrolAsync();
        var (oldAccess, oldRefresh) = await factory.Browser().SignInWithBankIdAsync(person);
        var userId = await UserIdAsync(oldAccess);
        var newPhone = person.WithNewBankId();
        await newPhone.EnrolAsync();

        var (newAccess, newRefresh) = await factory.Browser().SignInWithBankIdAsync(newPhone);

        (await UserIdAsync(newAccess)).ShouldBe(userId);
        (await factory.UsersWithAsync(person)).ShouldBe(1);
        (await factory.CreateClient().RefreshAsync(oldRefresh)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await factory.CreateClient().RefreshAsync(newRefresh)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AuditDetailsAsync(FinishBankIdSignInHandler.NewBankIdRevokedSessions)).Count(details => details.Contains(userId.ToString(), StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Signing_in_again_with_the_same_bankid_keeps_the_other_devices_session()
    {
        var person = TestPerson.New("Johan Jonsson");
        await person.EnrolAsync();
        var (laptopAccess, laptopRefresh) = await factory.Browser().SignInWithBankIdAsync(person);

        var (phoneAccess, _) = await factory.Browser().SignInWithBankIdAsync(person);

        (await UserIdAsync(phoneAccess)).ShouldBe(await UserIdAsync(laptopAccess));
        (await factory.CreateClient().RefreshAsync(laptopRefresh)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_personnummer_is_in_no_row_and_no_log_line_in_clear_and_the_name_and_last_sign_in_are_kept()
    {
        var person = TestPerson.New("Karin Kvist");
        await person.EnrolAsync();
        await factory.Browser().SignInWithBankIdAsync(person);
        var newPhone = person.WithNewBankId();
        await newPhone.EnrolAsync();
        await factory.Browser().SignInWithBankIdAsync(newPhone);

        // Twelve digits, and the ten people write without the century.
        var written = new[] { person.Personnummer, person.Personnummer[2..], $"{person.Personnummer[2..8]}-{person.Personnummer[8..]}" };
        foreach (var table in new[] { "users", "sign_in_attempts", "refresh_tokens", "platform_audit_events" })
        {
            var values = await factory.ValuesOfAsync(table);
            foreach (var form in written)
                values.ShouldNotContain(value => value.Contains(form, StringComparison.Ordinal), $"{table} holds the personnummer");
        }

        factory.Logs.Lines.ShouldNotBeEmpty();
        foreach (var form in written)
            factory.Logs.Lines.ShouldNotContain(line => line.Contains(form, StringComparison.Ordinal), "a log line holds the personnummer");
        var row = await UserRowAsync(person);
        row.DisplayName.ShouldBe(person.Name);
        row.LastSignInAt.ShouldNotBeNull();
        row.BrokerSubject.ShouldBe(newPhone.Subject);
    }

    private async Task<Guid> UserIdAsync(string accessToken)
    {
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return (await api.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("userId").GetGuid();
    }

    private Task<IReadOnlyList<string>> AuditDetailsAsync(string action) =>
        factory.QueryAsync<string>("SELECT details FROM platform_audit_events WHERE action = @action", new { action });

    private async Task<UserRow> UserRowAsync(TestPerson person) =>
        (await factory.QueryAsync<UserRow>(
            "SELECT display_name AS DisplayName, broker_subject AS BrokerSubject, last_sign_in_at AS LastSignInAt FROM users WHERE display_name = @Name",
            new { person.Name })).Single();

    private static async Task ShouldBeRefusedAsync(HttpResponseMessage response, string error, string reason)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("error").GetString().ShouldBe(error);
        problem.GetProperty("reason").GetString().ShouldBe(reason);
    }

    private sealed record UserRow(string DisplayName, string? BrokerSubject, DateTimeOffset? LastSignInAt);
}

public sealed class BankIdSignInTestsOnPostgres(PostgresBankIdApiFactory factory) : BankIdSignInTests<PostgresBankIdApiFactory>(factory);

public sealed class BankIdSignInTestsOnSqlite(SqliteBankIdApiFactory factory) : BankIdSignInTests<SqliteBankIdApiFactory>(factory);

/// <summary>An installation without a broker offers no BankID sign-in, and says so.</summary>
public sealed class BankIdNotConfiguredTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    [Theory]
    [InlineData("POST", "/api/v1/auth/bankid/start")]
    [InlineData("GET", "/api/v1/auth/bankid/callback?state=s&code=c")]
    public async Task The_bankid_routes_answer_404_problem_and_set_no_cookie(string method, string route)
    {
        var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), route));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("not configured");
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }
}

/// <summary>A broker that cannot be reached: port 1 on this machine, where nothing listens.</summary>
public sealed class UnreachableBrokerApiFactory() : ApiFactory(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:BankId:Authority"] = "http://127.0.0.1:1",
        ["Auth:BankId:ClientId"] = "cleanledger",
        ["Auth:BankId:ClientSecret"] = "unused",
        ["Auth:BankId:CallbackUri"] = BankIdApiFactory.CallbackUri.ToString(),
        ["Auth:PersonnummerHmacKey"] = Convert.ToBase64String(new byte[32]),
    };
}

public sealed class UnreachableBrokerTests(UnreachableBrokerApiFactory factory) : IClassFixture<UnreachableBrokerApiFactory>
{
    [Fact]
    public async Task Starting_a_sign_in_while_the_broker_cannot_be_reached_is_503_and_stores_no_attempt()
    {
        var response = await factory.CreateClient().PostAsync(BankIdBrowser.StartPath, null);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
        await using var scope = factory.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<DbSession>().QueryAsync<long>("SELECT count(*) FROM sign_in_attempts", null, CancellationToken.None))
            .Single().ShouldBe(0);
    }
}
