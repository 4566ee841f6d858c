using CleanLedger.Application.Audit;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Identity.Tokens;
using CleanLedger.Domain.Identity;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Identity.BankId.FinishBankIdSignIn;

/// <summary>
/// The person the broker vouched for (sent only by <see cref="BankIdSignIn"/>, once the broker's
/// assertion was checked against the used attempt) is found by the keyed hash of their
/// personnummer, or created, and gets our own tokens. Signing in with a new BankID (another broker
/// subject for the same personnummer, e.g. after a lost phone) revokes every earlier session.
/// </summary>
public sealed record FinishBankIdSignIn(Personnummer Personnummer, string BrokerSubject, string DisplayName) : ICommand<TokenPair>, ICredentialScoped;

public sealed class FinishBankIdSignInValidator : AbstractValidator<FinishBankIdSignIn>
{
    public FinishBankIdSignInValidator()
    {
        RuleFor(command => command.BrokerSubject).NotEmpty();
        RuleFor(command => command.DisplayName).NotNull();
    }
}

public sealed class FinishBankIdSignInHandler(
    IPersonnummerHasher personnummerHasher, IBankIdAccounts accounts, IRefreshTokenStore refreshTokens, TokenSessions sessions, IPlatformAudit audit, TimeProvider clock)
    : ICommandHandler<FinishBankIdSignIn, TokenPair>
{
    public const string NewBankIdRevokedSessions = "sign-in.new-bankid-revoked-sessions";

    public async ValueTask<TokenPair> Handle(FinishBankIdSignIn command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var account = await accounts.FindOrCreateAsync(personnummerHasher.Hash(command.Personnummer), command.DisplayName, now, cancellationToken);
        if (account.BrokerSubject is not null && account.BrokerSubject != command.BrokerSubject)
        {
            var revoked = await refreshTokens.RevokeUserAsync(account.UserId, now, cancellationToken);
            await audit.RecordAsync(NewBankIdRevokedSessions, account.UserId.ToString(), new { userId = account.UserId, revokedTokens = revoked }, cancellationToken);
        }

        await accounts.RecordSignInAsync(account.UserId, command.DisplayName, command.BrokerSubject, now, cancellationToken);
        return await sessions.StartAsync(account.UserId, command.DisplayName, now, cancellationToken);
    }
}
