using System.Text.Json.Serialization;
using CleanLedger.Api.Endpoints;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Security.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CleanLedger.Api.Hosting;

/// <summary>
/// Discovery of our own tokens: issuer, endpoints, and the published keys (next, current,
/// previous). Part of the host's authentication set-up: it publishes what the bearer validation uses.
/// </summary>
public static class WellKnownEndpoints
{
    public const string JwksPath = "/.well-known/jwks.json";

    public static IEndpointRouteBuilder MapWellKnownEndpoints(this IEndpointRouteBuilder app)
    {
        // Their shape is OpenID Connect Discovery's and RFC 7517's, not this API's contract.
        var wellKnown = app.MapGroup("").AllowAnonymous().ExcludeFromDescription();
        wellKnown.MapGet("/.well-known/openid-configuration", Configuration)
            .WithName("OpenIdConfiguration")
            .WithSummary("Issuer, token endpoint and JWKS location of this Api's own tokens.");
        wellKnown.MapGet(JwksPath, Jwks)
            .WithName("Jwks")
            .WithSummary("The public keys that sign, will sign, or signed still valid access tokens.");
        return app;
    }

    private static Ok<OpenIdConfiguration> Configuration(IOptions<AuthOptions> auth)
    {
        var issuer = auth.Value.Issuer?.TrimEnd('/') ?? "";
        return TypedResults.Ok(new OpenIdConfiguration(
            issuer,
            issuer + JwksPath,
            issuer + "/api/v1/auth/token",
            issuer + "/api/v1/auth/logout",
            [AuthEndpoints.RefreshTokenGrant],
            ["none"],
            [SecurityAlgorithms.EcdsaSha256]));
    }

    private static async Task<Ok<JwksDocument>> Jwks(PublishedSigningKeys published, CancellationToken cancellationToken)
    {
        var keys = await published.RefreshIfStaleAsync(cancellationToken);
        return TypedResults.Ok(new JwksDocument(keys.Select(key => new PublicJwk(key.Kty, key.Crv, key.X, key.Y, key.Kid, key.Use, key.Alg)).ToList()));
    }
}

public sealed record OpenIdConfiguration(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: JsonPropertyName("revocation_endpoint")] string RevocationEndpoint,
    [property: JsonPropertyName("grant_types_supported")] IReadOnlyList<string> GrantTypesSupported,
    [property: JsonPropertyName("token_endpoint_auth_methods_supported")] IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
    [property: JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> SigningAlgValuesSupported);

public sealed record JwksDocument([property: JsonPropertyName("keys")] IReadOnlyList<PublicJwk> Keys);

/// <summary>An EC public key (RFC 7517/7518): never a private member.</summary>
public sealed record PublicJwk(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("crv")] string Crv,
    [property: JsonPropertyName("x")] string X,
    [property: JsonPropertyName("y")] string Y,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("alg")] string Alg);
