using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace CleanLedger.Testing;

/// <summary>A client registered at the provider (RFC 7591), with the secret it authenticates with.</summary>
public sealed record OidcClient(string ClientId, string ClientSecret);

/// <summary>
/// The OpenID Provider that ./build/test.sh starts (npm oidc-provider, tests/oidc-provider;
/// CLEANLEDGER_TEST_OIDC = its issuer). It stands in for the BankID broker and the staff identity
/// provider. Tests register their own client, enrol the people they need and play the person's
/// browser at the provider; everything goes over real HTTP.
/// </summary>
public static partial class OidcTestProvider
{
    public const string Variable = "CLEANLEDGER_TEST_OIDC";

    /// <summary>What the provider answers as <c>acr</c> for a BankID sign-in (Signicat's value).</summary>
    public const string BankIdAcr = "idp:sbid";

    /// <summary>Another assurance the provider knows, for a sign-in that is not BankID.</summary>
    public const string PasswordAcr = "urn:cleanledger:test:password";

    /// <summary>Enough redirects for the provider's authorize → login → resume → callback hops.</summary>
    private const int MaxRedirects = 10;

    public static Uri Issuer => new(
        Environment.GetEnvironmentVariable(Variable)
        ?? throw new InvalidOperationException($"{Variable} is not set: run the tests with ./build/test.sh, which starts the OpenID Provider."));

    private static readonly HttpClient Provider = new() { BaseAddress = Issuer };

    /// <summary>How a client proves its secret at the token endpoint (RFC 7591 token_endpoint_auth_method).</summary>
    public const string SecretInAuthorizationHeader = "client_secret_basic";

    /// <summary>The secret in the form body, as ASP.NET Core's OpenID Connect handler sends it.</summary>
    public const string SecretInForm = "client_secret_post";

    public static Task<OidcClient> RegisterClientAsync(params Uri[] redirectUris) => RegisterClientAsync(SecretInAuthorizationHeader, redirectUris);

    public static async Task<OidcClient> RegisterClientAsync(string tokenEndpointAuthMethod, params Uri[] redirectUris)
    {
        var response = await Provider.PostAsJsonAsync("/reg", new
        {
            redirect_uris = redirectUris.Select(uri => uri.ToString()).ToArray(),
            grant_types = new[] { "authorization_code" },
            response_types = new[] { "code" },
            token_endpoint_auth_method = tokenEndpointAuthMethod,
        });
        response.EnsureSuccessStatusCode();
        var client = await response.Content.ReadFromJsonAsync<Registration>() ?? throw new InvalidOperationException("The provider answered no client.");
        return new OidcClient(client.client_id, client.client_secret);
    }

    /// <summary>Enrols a person with a Swedish BankID: the broker's claims as Signicat names them.</summary>
    public static Task EnrolPersonAsync(string subject, string personnummer, string name) =>
        EnrolAsync(subject, new Dictionary<string, object>
        {
            ["nin"] = personnummer,
            ["nin_type"] = "PERSON",
            ["nin_issuing_country"] = "SE",
            ["name"] = name,
        });

    /// <summary>Enrols a member of staff at the company's identity provider.</summary>
    public static Task EnrolStaffAsync(string subject, string email, params string[] roles) =>
        EnrolAsync(subject, new Dictionary<string, object>
        {
            ["email"] = email,
            ["email_verified"] = true,
            ["name"] = email,
            ["roles"] = roles,
        });

    public static async Task EnrolAsync(string subject, IReadOnlyDictionary<string, object> claims)
    {
        var response = await Provider.PostAsJsonAsync("/test/accounts", new { sub = subject, claims });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Plays the person's browser at the provider: opens <paramref name="authorizationUrl"/>, signs
    /// in as <paramref name="subject"/> (with <paramref name="acr"/>, by default what was asked for)
    /// and answers where the provider sends the browser back: the client's callback with code and
    /// state, or with an error.
    /// </summary>
    public static async Task<Uri> SignInAsync(Uri authorizationUrl, string subject, string? acr = null)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        var response = await browser.GetAsync(authorizationUrl);
        for (var hop = 0; hop < MaxRedirects; hop++)
        {
            if (response.StatusCode == HttpStatusCode.OK && InteractionPath().Match(response.RequestMessage!.RequestUri!.AbsolutePath) is { Success: true } interaction)
            {
                var fields = new Dictionary<string, string> { ["account"] = subject };
                if (acr is not null)
                    fields["acr"] = acr;
                response = await browser.PostAsync(new Uri(Issuer, $"/interaction/{interaction.Groups[1].Value}/login"), new FormUrlEncodedContent(fields));
                continue;
            }

            if (response.Headers.Location is not { } location)
                throw new InvalidOperationException($"The provider answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var next = location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location);
            if (next.GetLeftPart(UriPartial.Authority) != Issuer.GetLeftPart(UriPartial.Authority))
                return next;
            response = await browser.GetAsync(next);
        }

        throw new InvalidOperationException("The provider redirected too often.");
    }

    /// <summary>
    /// Signs <paramref name="subject"/> in as <paramref name="client"/> itself would (code flow with
    /// PKCE, redeemed with client_secret_basic) and answers the provider's token response: the ID
    /// and access tokens a relying party of this provider receives.
    /// </summary>
    public static async Task<JsonElement> SignInAsClientAsync(OidcClient client, Uri redirectUri, string subject, string scope = "openid")
    {
        var discovery = await Provider.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var authorizationUrl = QueryHelpers.AddQueryString(discovery.GetProperty("authorization_endpoint").GetString()!, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = client.ClientId,
            ["redirect_uri"] = redirectUri.ToString(),
            ["scope"] = scope,
            ["state"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
            ["nonce"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
            ["code_challenge"] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        });
        var callback = await SignInAsync(new Uri(authorizationUrl), subject);
        using var request = new HttpRequestMessage(HttpMethod.Post, discovery.GetProperty("token_endpoint").GetString())
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = QueryHelpers.ParseQuery(callback.Query)["code"].ToString(),
                ["redirect_uri"] = redirectUri.ToString(),
                ["code_verifier"] = verifier,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{client.ClientId}:{client.ClientSecret}")));
        var response = await Provider.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [GeneratedRegex("^/interaction/([^/]+)$")]
    private static partial Regex InteractionPath();

    private sealed record Registration(string client_id, string client_secret);
}
