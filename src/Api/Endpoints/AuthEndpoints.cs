using System.Text.Json.Serialization;
using CleanLedger.Api.Hosting;
using CleanLedger.Application.Identity.Tokens;
using CleanLedger.Application.Identity.Tokens.Logout;
using CleanLedger.Application.Identity.Tokens.RefreshSession;
using CleanLedger.Infrastructure.Hosting;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace CleanLedger.Api.Endpoints;

/// <summary>
/// The OAuth-style token endpoint (refresh grant, form-encoded as RFC 6749 has it) and sign-out
/// (revocation of the refresh token's family, RFC 7009), both carrying their credential in the
/// body, and the BankID sign-in that starts a family. Sign-in and refresh share the sign-in rate
/// limit (per address and per client); logout keeps the per-address credentials limit.
/// </summary>
public static class AuthEndpoints
{
    public const string RefreshTokenGrant = "refresh_token";

    /// <summary>The one body these routes take (RFC 6749 section 4.1.3); never multipart.</summary>
    private const string FormContentType = "application/x-www-form-urlencoded";

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").AllowAnonymous().WithTags(OpenApiConventions.IdentityTag);
        auth.MapBankIdEndpoints();
        auth.MapPost("/token", Token)
            .RequireRateLimiting(EdgeProtection.SignInPolicy)
            .Accepts<TokenRequest>(FormContentType)
            .WithName("RefreshToken")
            .WithSummary("Exchanges a refresh token (once) for a new access token and the next refresh token.")
            .WithCommonProblems()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        auth.MapPost("/logout", Logout)
            .RequireRateLimiting(EdgeProtection.CredentialsPolicy)
            .Accepts<LogoutRequest>(FormContentType)
            .WithName("Logout")
            .WithSummary("Revokes the refresh token's whole family; an unknown token is answered the same.")
            .WithCommonProblems()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return api;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Token(HttpRequest request, ISender sender, CancellationToken cancellationToken)
    {
        if (await ReadFormAsync(request, cancellationToken) is not { } form)
            return UnsupportedBody();
        var (grantType, refreshToken) = (form["grant_type"].ToString(), form["refresh_token"].ToString());
        if (grantType != RefreshTokenGrant)
            return OAuthProblem("unsupported_grant_type", $"Only grant_type={RefreshTokenGrant} is served here.");
        if (string.IsNullOrEmpty(refreshToken) || refreshToken.Length > RefreshSessionValidator.MaxLength)
            return OAuthProblem("invalid_request", "refresh_token is required.");

        var outcome = await sender.Send(new RefreshSession(refreshToken), cancellationToken);
        if (outcome.Tokens is not { } tokens)
            return OAuthProblem("invalid_grant", "The refresh token is not valid: sign in again.");

        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(TokenResponse.From(tokens));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Logout(HttpRequest request, ISender sender, CancellationToken cancellationToken)
    {
        if (await ReadFormAsync(request, cancellationToken) is not { } form)
            return UnsupportedBody();
        var refreshToken = form["refresh_token"].ToString();
        if (string.IsNullOrEmpty(refreshToken) || refreshToken.Length > RefreshSessionValidator.MaxLength)
            return OAuthProblem("invalid_request", "refresh_token is required.");
        await sender.Send(new Logout(refreshToken), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IFormCollection?> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) && contentType.MediaType.Equals(FormContentType, StringComparison.OrdinalIgnoreCase)
            ? await request.ReadFormAsync(cancellationToken)
            : null;

    private static ProblemHttpResult UnsupportedBody() =>
        TypedResults.Problem($"The body must be {FormContentType}.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.");

    /// <summary>A problem details body that also carries OAuth's <c>error</c> code for OAuth clients.</summary>
    private static ProblemHttpResult OAuthProblem(string error, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The token request was refused.", extensions: new Dictionary<string, object?> { ["error"] = error });
}

/// <summary>The token request's form fields (for the API description).</summary>
public sealed record TokenRequest(
    [property: JsonPropertyName("grant_type")] string GrantType,
    [property: JsonPropertyName("refresh_token")] string RefreshToken);

public sealed record LogoutRequest([property: JsonPropertyName("refresh_token")] string RefreshToken);

/// <summary>RFC 6749 section 5.1.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string RefreshToken)
{
    public static TokenResponse From(TokenPair tokens) =>
        new(tokens.AccessToken, "Bearer", (int)tokens.AccessTokenLifetime.TotalSeconds, tokens.RefreshToken);
}
