using System.Text.Json;
using CleanLedger.Api.Hosting;
using CleanLedger.Application.Identity.BankId;
using CleanLedger.Domain.Identity;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Security.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanLedger.Api.Endpoints;

/// <summary>
/// Sign-in with BankID through the OIDC broker (docs/adr/0022): start answers where to send the
/// person and sets the cookie that binds the attempt to this browser or app; the callback takes
/// what the broker sent back and answers our own tokens, as the token route does.
/// </summary>
public static class BankIdEndpoints
{
    public static RouteGroupBuilder MapBankIdEndpoints(this RouteGroupBuilder auth)
    {
        var bankId = auth.MapGroup("/bankid").RequireRateLimiting(EdgeProtection.SignInPolicy);
        bankId.MapPost("/start", Start)
            .WithName("StartBankIdSignIn")
            .WithSummary("Starts a BankID sign-in at the broker: where to send the person, and the attempt's state (10 minutes, once).")
            .WithCommonProblems()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        bankId.MapGet("/callback", Callback)
            .WithName("CompleteBankIdSignIn")
            .WithSummary("Completes a BankID sign-in with what the broker sent back (code and state, or an error): our access and refresh tokens.")
            .WithCommonProblems()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return auth;
    }

    private static async Task<Ok<BankIdStartResponse>> Start(HttpContext context, BankIdSignIn signIn, CancellationToken cancellationToken)
    {
        var started = await signIn.StartAsync(context.Request.Cookies[BankIdOptions.BindingCookie], cancellationToken);
        context.Response.Cookies.Append(BankIdOptions.BindingCookie, started.Binding, new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            Expires = started.ExpiresAt,
            IsEssential = true,
        });
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new BankIdStartResponse(started.AuthorizationUrl, started.State));
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Callback(
        HttpContext context, BankIdSignIn signIn, string? state, string? code, string? error, CancellationToken cancellationToken)
    {
        var outcome = await signIn.CompleteAsync(state ?? "", code, error, context.Request.Cookies[BankIdOptions.BindingCookie], cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        return outcome.Tokens is { } tokens ? TypedResults.Ok(TokenResponse.From(tokens)) : Refused(outcome.Refusal!.Value);
    }

    private static ProblemHttpResult Refused(SignInRefusal refusal)
    {
        var (status, error, detail) = refusal switch
        {
            SignInRefusal.UnknownState or SignInRefusal.OtherBrowser =>
                (StatusCodes.Status400BadRequest, "invalid_state", "This sign-in is unknown, already used, expired or was started in another browser: start again."),
            SignInRefusal.BrokerError =>
                (StatusCodes.Status400BadRequest, "access_denied", "The sign-in was not completed at BankID: start again."),
            SignInRefusal.BrokerUnavailable =>
                (StatusCodes.Status503ServiceUnavailable, "temporarily_unavailable", "The BankID broker cannot be reached: start again shortly."),
            SignInRefusal.WrongAssurance =>
                (StatusCodes.Status400BadRequest, "invalid_identity", "Only a sign-in with BankID is accepted: start again."),
            _ => (StatusCodes.Status400BadRequest, "invalid_identity", "The broker's answer could not be verified: start again."),
        };
        return TypedResults.Problem(detail, statusCode: status, title: "The sign-in was refused.", extensions: new Dictionary<string, object?>
        {
            ["error"] = error,
            ["reason"] = JsonNamingPolicy.KebabCaseLower.ConvertName(refusal.ToString()),
        });
    }
}

/// <summary>Where to send the person, and the state the broker will send back with the code.</summary>
public sealed record BankIdStartResponse(Uri AuthorizationUrl, string State);
