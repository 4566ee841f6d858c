using CleanLedger.Application.Audit;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Identity.Tokens;
using CleanLedger.Domain.Identity;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CleanLedger.Application.Identity.BankId.CompleteBankIdSignIn;

/// <summary>
/// The broker sent the person back: the attempt named by <see cref="State"/> is used up (once,
/// whatever follows), must have been started by this <see cref="Binding"/>, and its code is
/// redeemed at the broker for an ID token that carries the attempt's nonce and BankID's
/// assurance. The person is found by the keyed hash of their personnummer, or created, and gets
/// our own tokens. Signing in with a new BankID (another broker subject for the same
/// personnummer, e.g. after a lost phone) revokes every earlier session of that person.
/// </summary>
public sealed record CompleteBankIdSignIn(string State, string? Code, string? BrokerError, string? Binding)
    : ICommand<BankIdSignInOutcome>, ICredentialScoped;

/// <summary>Our tokens, or why the sign-in was refused (nothing created, the attempt used up).</summary>
public sealed record BankIdSignInOutcome(TokenPair? Tokens, SignInRefusal? Refusal)
{
    public static BankIdSignInOutcome Refused(SignInRefusal refusal) => new(null, refusal);
}

public sealed class CompleteBankIdSignInValidator : AbstractValidator<CompleteBankIdSignIn>
{
    /// <summary>Codes are opaque to us; brokers' run to a few hundred characters.</summary>
    public const int MaxCodeLength = 2_000;

    /// <summary>OAuth error codes are short ASCII words (RFC 6749 section 4.1.2.1).</summary>
    public const int MaxErrorLength = 100;

    public CompleteBankIdSignInValidator()
    {
        RuleFor(command => command.State).NotEmpty().MaximumLength(SignInAttemptSecrets.MaxLength);
        RuleFor(command => command.Code).NotEmpty().When(command => command.BrokerError is null);
        RuleFor(command => command.Code).MaximumLength(MaxCodeLength);
        RuleFor(command => command.BrokerError).MaximumLength(MaxErrorLength);
        RuleFor(command => command.Binding).MaximumLength(SignInAttemptSecrets.MaxLength);
    }
}

public sealed class CompleteBankIdSignInHandler(
    IBankIdBroker broker,
    ISignInAttemptStore attempts,
    IPersonnummerHasher personnummerHasher,
    IBankIdAccounts accounts,
    IRefreshTokenStore refreshTokens,
    TokenSessions sessions,
    IPlatformAudit audit,
    TimeProvider clock,
    ILogger<CompleteBankIdSignInHandler> logger)
    : ICommandHandler<CompleteBankIdSignIn, BankIdSignInOutcome>
{
    public const string NewBankIdRevokedSessions = "sign-in.new-bankid-revoked-sessions";

    public async ValueTask<BankIdSignInOutcome> Handle(CompleteBankIdSignIn command, CancellationToken cancellationToken)
    {
        if (!broker.IsConfigured)
            throw new BankIdNotConfiguredException();

        var now = clock.GetUtcNow();
        // Used up before anything else is looked at, and committed even when refused: a state is good once.
        var attempt = await attempts.TryUseAsync(SignInAttemptSecrets.Hash(command.State), now, cancellationToken);
        if (attempt is null)
            return Refuse(SignInRefusal.UnknownState);
        if (!SignInAttemptSecrets.Matches(command.Binding, attempt.BindingHash))
            return Refuse(SignInRefusal.OtherBrowser);
        if (command.BrokerError is not null)
            return Refuse(SignInRefusal.BrokerError);

        var redemption = await broker.RedeemAsync(command.Code!, SignInAttemptSecrets.CodeVerifier(command.Binding!, command.State), cancellationToken);
        if (redemption.Assertion is not { } assertion)
            return Refuse(redemption.Refusal ?? SignInRefusal.InvalidIdToken);
        if (assertion.Refusal(attempt.NonceHash, broker.RequiredAcr, out var personnummer) is { } refusal)
            return Refuse(refusal);

        var displayName = assertion.DisplayName;
        var account = await accounts.FindOrCreateAsync(personnummerHasher.Hash(personnummer!), displayName, now, cancellationToken);
        if (account.BrokerSubject is not null && account.BrokerSubject != assertion.Subject)
        {
            var revoked = await refreshTokens.RevokeUserAsync(account.UserId, now, cancellationToken);
            await audit.RecordAsync(NewBankIdRevokedSessions, account.UserId.ToString(), new { userId = account.UserId, revokedTokens = revoked }, cancellationToken);
        }

        await accounts.RecordSignInAsync(account.UserId, displayName, assertion.Subject, now, cancellationToken);
        return new BankIdSignInOutcome(await sessions.StartAsync(account.UserId, displayName, now, cancellationToken), null);
    }

    private BankIdSignInOutcome Refuse(SignInRefusal refusal)
    {
        logger.LogWarning("A BankID sign-in was refused: {Refusal}", refusal);
        return BankIdSignInOutcome.Refused(refusal);
    }
}
