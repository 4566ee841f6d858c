using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace CleanLedger.Testing;

/// <summary>Someone with a BankID: the broker's subject for it, their personnummer and name.</summary>
public sealed record TestPerson(string Subject, string Personnummer, string Name)
{
    /// <summary>A new person with a valid personnummer (born 1950–1999) no other test uses.</summary>
    public static TestPerson New(string name)
    {
        var born = new DateOnly(1950, 1, 1).AddDays(RandomNumberGenerator.GetInt32(50 * 365));
        var nine = $"{born:yyMMdd}{RandomNumberGenerator.GetInt32(1000):000}";
        return new TestPerson($"sub-{Guid.NewGuid():N}", $"{born:yyyy}"[..2] + nine + CheckDigit(nine), name);
    }

    /// <summary>The same person with a new BankID (a new phone): the broker gives it another subject.</summary>
    public TestPerson WithNewBankId() => this with { Subject = $"sub-{Guid.NewGuid():N}" };

    public Task EnrolAsync() => OidcTestProvider.EnrolPersonAsync(Subject, Personnummer, Name);

    private static int CheckDigit(string nine)
    {
        var sum = nine.Select((digit, i) => (digit - '0') * (i % 2 == 0 ? 2 : 1)).Sum(product => product > 9 ? product - 9 : product);
        return (10 - sum % 10) % 10;
    }
}

/// <summary>What a browser does during a BankID sign-in, over HTTP.</summary>
public static class BankIdBrowser
{
    public const string StartPath = "/api/v1/auth/bankid/start";

    public sealed record Started(Uri AuthorizationUrl, string State);

    public static async Task<Started> StartBankIdAsync(this HttpClient browser)
    {
        var response = await browser.PostAsync(StartPath, null);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Started(new Uri(body.GetProperty("authorizationUrl").GetString()!), body.GetProperty("state").GetString()!);
    }

    /// <summary>Follows the broker's redirect back to the callback route (path and query as the broker sent them).</summary>
    public static Task<HttpResponseMessage> ReturnFromBrokerAsync(this HttpClient browser, Uri brokerRedirect) =>
        browser.GetAsync(brokerRedirect.PathAndQuery);

    /// <summary>Start, the person's sign-in at the broker, and the callback: our tokens.</summary>
    public static async Task<(string AccessToken, string RefreshToken)> SignInWithBankIdAsync(this HttpClient browser, TestPerson person)
    {
        var started = await browser.StartBankIdAsync();
        var redirect = await OidcTestProvider.SignInAsync(started.AuthorizationUrl, person.Subject);
        return await (await browser.ReturnFromBrokerAsync(redirect)).ReadTokensAsync();
    }

    /// <summary>Our token answer (RFC 6749 section 5.1), as the callback and the token route give it.</summary>
    public static async Task<(string AccessToken, string RefreshToken)> ReadTokensAsync(this HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Expected our tokens, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.GetProperty("token_type").GetString() != "Bearer")
            throw new InvalidOperationException("The token type is not Bearer.");
        return (body.GetProperty("access_token").GetString()!, body.GetProperty("refresh_token").GetString()!);
    }
}
