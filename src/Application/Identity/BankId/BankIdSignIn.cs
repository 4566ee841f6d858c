using CleanLedger.Application.Identity.Tokens;
using CleanLedger.Domain.Identity;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CleanLedger.Application.Identity.BankId;

/// <summary>Where to send the person, the attempt's state, the binding to keep, and when the attempt ends.</summary>
public sealed record StartedSignIn(Uri AuthorizationUrl, string State, string Binding, DateTimeOffset ExpiresAt);

/// <summary>Our tokens, or why the sign-in was refused (nothing created, the attempt used up).</summary>
public sealed record BankIdSignInOutcome(TokenPair? Tokens, SignInRefusal? Refusal)
{
    public static BankIdSignInOutcome Refused(SignInRefusal refusal) => new(null, refusal);
}

/// <summary>
/// Signing in with BankID at the broker, as the Api's start and callback routes drive it. Start: a
/// new attempt (state, nonce, PKCE) bound to the browser or app by its binding secret, which the
/// caller keeps (a cookie); a caller that already has a binding of our shape keeps it, so two tabs
/// can sign in at once. Callback: the attempt is used up (once, whatever follows) and must have
/// been started by this binding; its code is redeemed at the broker for an ID token that carries
/// the attempt's nonce and BankID's assurance; the person is found by the keyed hash of their
/// personnummer, or created, and gets our own tokens.
/// </summary>
/// <remarks>
/// The broker is called between the transactions, never inside one: on SQLite a write transaction
/// holds the file's one write lock, and a slow broker (up to Auth:BankId:BrokerTimeout) would hold
/// up every organisation's writes for as long.
/// </remarks>
public sealed class BankIdSignIn(ISender sender, IBankIdBroker broker, ILogger<BankIdSignIn> logger)
{
    public async Task<StartedSignIn> StartAsync(string? binding, CancellationToken cancellationToken)
    {
        if (!broker.IsConfigured)
            throw new BankIdNotConfiguredException();

        var keptBinding = SignInAttemptSecrets.IsWellFormed(binding) ? binding! : SignInAttemptSecrets.New();
        var (state, nonce) = (SignInAttemptSecrets.New(), SignInAttemptSecrets.New());
        var codeChallenge = SignInAttemptSecrets.CodeChallenge(SignInAttemptSecrets.CodeVerifier(keptBinding, state));
        var authorizationUrl = await broker.AuthorizationUrlAsync(state, nonce, codeChallenge, cancellationToken);

        var expiresAt = await sender.Send(new RecordSignInAttempt.RecordSignInAttempt(state, keptBinding, nonce), cancellationToken);
        return new StartedSignIn(authorizationUrl, state, keptBinding, expiresAt);
    }

    public async Task<BankIdSignInOutcome> CompleteAsync(string state, string? code, string? brokerError, string? binding, CancellationToken cancellationToken)
    {
        if (!broker.IsConfigured)
            throw new BankIdNotConfiguredException();

        var attempt = await sender.Send(new UseSignInAttempt.UseSignInAttempt(state, code, brokerError, binding), cancellationToken);
        if (attempt.Refusal is { } refused)
            return Refuse(refused);

        var redemption = await broker.RedeemAsync(code!, SignInAttemptSecrets.CodeVerifier(binding!, state), cancellationToken);
        if (redemption.Assertion is not { } assertion)
            return Refuse(redemption.Refusal ?? SignInRefusal.InvalidIdToken);
        if (assertion.Refusal(attempt.NonceHash!, broker.RequiredAcr, out var personnummer) is { } refusal)
            return Refuse(refusal);

        var tokens = await sender.Send(new FinishBankIdSignIn.FinishBankIdSignIn(personnummer!, assertion.Subject, assertion.DisplayName), cancellationToken);
        return new BankIdSignInOutcome(tokens, null);
    }

    private BankIdSignInOutcome Refuse(SignInRefusal refusal)
    {
        logger.LogWarning("A BankID sign-in was refused: {Refusal}", refusal);
        return BankIdSignInOutcome.Refused(refusal);
    }
}
