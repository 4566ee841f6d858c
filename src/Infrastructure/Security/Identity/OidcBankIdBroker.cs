using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CleanLedger.Application.Identity.BankId;
using CleanLedger.Domain.Identity;
using CleanLedger.Infrastructure.Security.Tokens;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CleanLedger.Infrastructure.Security.Identity;

/// <summary>
/// The broker over OpenID Connect: its discovery document and keys (<see cref="BrokerMetadata"/>),
/// the code exchanged at its token endpoint with client_secret_basic and the PKCE verifier, the ID
/// token validated by its keys, issuer, our client id as audience and its lifetime, and UserInfo
/// read with the access token (Signicat, by default, puts the personnummer there only). Nothing
/// the broker answers is logged.
/// </summary>
public sealed class OidcBankIdBroker(
    IOptionsMonitor<BankIdOptions> options, IConfiguration configuration, IHttpClientFactory httpClients, BrokerMetadata metadata, ILogger<OidcBankIdBroker> logger)
    : IBankIdBroker
{
    public const string HttpClientName = "bankid-broker";

    private static readonly string[] IdTokenAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256];

    private BankIdOptions Settings => options.CurrentValue;

    public bool IsConfigured => Settings.IsComplete(configuration);

    public string RequiredAcr => Settings.RequiredAcr;

    public async Task<Uri> AuthorizationUrlAsync(string state, string nonce, string codeChallenge, CancellationToken cancellationToken)
    {
        var settings = Settings;
        var broker = await metadata.ReadAsync(settings.Authority!, cancellationToken);
        return new Uri(QueryHelpers.AddQueryString(broker.AuthorizationEndpoint, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = settings.ClientId,
            ["redirect_uri"] = settings.CallbackUri,
            ["scope"] = settings.Scopes,
            ["acr_values"] = settings.AcrValues,
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = codeChallenge,
            ["code_challenge_method"] = "S256",
        }));
    }

    public async Task<BrokerRedemption> RedeemAsync(string code, string codeVerifier, CancellationToken cancellationToken)
    {
        var settings = Settings;
        try
        {
            var broker = await metadata.ReadAsync(settings.Authority!, cancellationToken);
            using var client = httpClients.CreateClient(HttpClientName);

            using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, broker.TokenEndpoint)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "authorization_code",
                    ["code"] = code,
                    ["redirect_uri"] = settings.CallbackUri!,
                    ["code_verifier"] = codeVerifier,
                }),
            };
            tokenRequest.Headers.Authorization = ClientSecretBasic(settings);
            using var tokenResponse = await client.SendAsync(tokenRequest, cancellationToken);
            if (tokenResponse.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
                return BrokerRedemption.Refused(SignInRefusal.CodeRefused);
            if (!tokenResponse.IsSuccessStatusCode)
                return BrokerRedemption.Refused(SignInRefusal.BrokerUnavailable);
            using var tokens = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync(cancellationToken));
            if (StringClaim(tokens.RootElement, "id_token") is not { } idToken || StringClaim(tokens.RootElement, "access_token") is not { } accessToken)
                return BrokerRedemption.Refused(SignInRefusal.InvalidIdToken);

            if (await ValidateIdTokenAsync(idToken, settings, cancellationToken) is not { } validated)
                return BrokerRedemption.Refused(SignInRefusal.InvalidIdToken);

            using var userInfoRequest = new HttpRequestMessage(HttpMethod.Get, broker.UserInfoEndpoint);
            userInfoRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var userInfoResponse = await client.SendAsync(userInfoRequest, cancellationToken);
            if (!userInfoResponse.IsSuccessStatusCode)
                return BrokerRedemption.Refused(SignInRefusal.BrokerUnavailable);
            using var userInfo = JsonDocument.Parse(await userInfoResponse.Content.ReadAsStringAsync(cancellationToken));

            return new BrokerRedemption(
                new BrokerAssertion(
                    validated.Subject,
                    validated.TryGetPayloadValue<string>("nonce", out var nonce) ? nonce : null,
                    validated.TryGetPayloadValue<string>("acr", out var acr) ? acr : null,
                    StringClaim(userInfo.RootElement, "sub"),
                    StringClaim(userInfo.RootElement, settings.PersonnummerClaim),
                    StringClaim(userInfo.RootElement, settings.NameClaim)),
                null);
        }
        catch (Exception exception) when (IsBrokerFailure(exception, cancellationToken))
        {
            logger.LogWarning("The BankID broker could not be used: {Failure}", exception.GetType().Name);
            return BrokerRedemption.Refused(SignInRefusal.BrokerUnavailable);
        }
    }

    /// <summary>
    /// The ID token by the broker's keys; a key the broker has rotated in since the keys were read
    /// makes them be read once more.
    /// </summary>
    private async Task<JsonWebToken?> ValidateIdTokenAsync(string idToken, BankIdOptions settings, CancellationToken cancellationToken)
    {
        var result = await ValidateAsync(await metadata.ReadAsync(settings.Authority!, cancellationToken));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
            result = await ValidateAsync(await metadata.ReadAfterKeyMissAsync(settings.Authority!, cancellationToken));
        if (result.IsValid && result.SecurityToken is JsonWebToken token && IsForUs(token, settings.ClientId!))
            return token;
        logger.LogWarning("A BankID broker ID token was refused: {Failure}", result.Exception?.GetType().Name ?? "authorized party");
        return null;

        Task<TokenValidationResult> ValidateAsync(OpenIdConnectConfiguration broker) =>
            new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
            {
                ValidIssuer = broker.Issuer,
                ValidAudience = settings.ClientId,
                IssuerSigningKeys = broker.SigningKeys,
                ValidAlgorithms = IdTokenAlgorithms,
                TryAllIssuerSigningKeys = false,
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ClockSkew = TokenOptions.MaxClockSkew,
            });
    }

    /// <summary>With more than one audience, the token must name us as its authorized party (OpenID Connect Core 3.1.3.7).</summary>
    private static bool IsForUs(JsonWebToken token, string clientId) =>
        token.Audiences.Count() == 1 || (token.TryGetPayloadValue<string>("azp", out var azp) && azp == clientId);

    /// <summary>RFC 6749 section 2.3.1: id and secret form-encoded, then joined and base64.</summary>
    private static AuthenticationHeaderValue ClientSecretBasic(BankIdOptions settings) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{WebUtility.UrlEncode(settings.ClientId)}:{WebUtility.UrlEncode(settings.ClientSecret)}")));

    private static string? StringClaim(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool IsBrokerFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or JsonException or BrokerUnavailableException
        || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested);
}
