using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Identity;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Identity.BankId.StartBankIdSignIn;

/// <summary>
/// Starts a sign-in with BankID at the broker: a new attempt (state, nonce, PKCE) bound to the
/// browser or app by its binding secret, which the caller keeps (a cookie) and presents at the
/// callback. A caller that already has a binding (of the shape we issue) keeps it, so two tabs can
/// sign in at once.
/// </summary>
public sealed record StartBankIdSignIn(string? Binding) : ICommand<StartedSignIn>, ICredentialScoped;

/// <summary>Where to send the person, the attempt's state, the binding to keep, and when the attempt ends.</summary>
public sealed record StartedSignIn(Uri AuthorizationUrl, string State, string Binding, DateTimeOffset ExpiresAt);

public sealed class StartBankIdSignInValidator : AbstractValidator<StartBankIdSignIn>
{
    public StartBankIdSignInValidator() => RuleFor(command => command.Binding).MaximumLength(SignInAttemptSecrets.MaxLength);
}

public sealed class StartBankIdSignInHandler(IBankIdBroker broker, ISignInAttemptStore attempts, TimeProvider clock)
    : ICommandHandler<StartBankIdSignIn, StartedSignIn>
{
    public async ValueTask<StartedSignIn> Handle(StartBankIdSignIn command, CancellationToken cancellationToken)
    {
        if (!broker.IsConfigured)
            throw new BankIdNotConfiguredException();

        var now = clock.GetUtcNow();
        var binding = SignInAttemptSecrets.IsWellFormed(command.Binding) ? command.Binding! : SignInAttemptSecrets.New();
        var (state, nonce) = (SignInAttemptSecrets.New(), SignInAttemptSecrets.New());
        var codeChallenge = SignInAttemptSecrets.CodeChallenge(SignInAttemptSecrets.CodeVerifier(binding, state));
        var authorizationUrl = await broker.AuthorizationUrlAsync(state, nonce, codeChallenge, cancellationToken);

        var expiresAt = now + SignInAttemptSecrets.Lifetime;
        await attempts.AddAsync(
            new SignInAttempt(SignInAttemptSecrets.Hash(state), SignInAttemptSecrets.Hash(binding), SignInAttemptSecrets.Hash(nonce), expiresAt),
            now,
            cancellationToken);
        return new StartedSignIn(authorizationUrl, state, binding, expiresAt);
    }
}
