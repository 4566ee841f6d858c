using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Identity;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Identity.BankId.UseSignInAttempt;

/// <summary>
/// The broker sent the person back: the attempt named by <see cref="State"/> is used up, and
/// committed so even when the answer is a refusal (a state is good once); it must have been
/// started by this <see cref="Binding"/> (see <see cref="BankIdSignIn"/>).
/// </summary>
public sealed record UseSignInAttempt(string State, string? Code, string? BrokerError, string? Binding) : ICommand<AttemptUse>, ICredentialScoped;

/// <summary>The used attempt's nonce hash, or why the sign-in goes no further.</summary>
public sealed record AttemptUse(string? NonceHash, SignInRefusal? Refusal);

public sealed class UseSignInAttemptValidator : AbstractValidator<UseSignInAttempt>
{
    /// <summary>Codes are opaque to us; brokers' run to a few hundred characters.</summary>
    public const int MaxCodeLength = 2_000;

    /// <summary>OAuth error codes are short ASCII words (RFC 6749 section 4.1.2.1).</summary>
    public const int MaxErrorLength = 100;

    public UseSignInAttemptValidator()
    {
        RuleFor(command => command.State).NotEmpty().MaximumLength(SignInAttemptSecrets.MaxLength);
        RuleFor(command => command.Code).NotEmpty().When(command => command.BrokerError is null);
        RuleFor(command => command.Code).MaximumLength(MaxCodeLength);
        RuleFor(command => command.BrokerError).MaximumLength(MaxErrorLength);
        RuleFor(command => command.Binding).MaximumLength(SignInAttemptSecrets.MaxLength);
    }
}

public sealed class UseSignInAttemptHandler(ISignInAttemptStore attempts, TimeProvider clock) : ICommandHandler<UseSignInAttempt, AttemptUse>
{
    public async ValueTask<AttemptUse> Handle(UseSignInAttempt command, CancellationToken cancellationToken)
    {
        var attempt = await attempts.TryUseAsync(SignInAttemptSecrets.Hash(command.State), clock.GetUtcNow(), cancellationToken);
        if (attempt is null)
            return new AttemptUse(null, SignInRefusal.UnknownState);
        if (!SignInAttemptSecrets.Matches(command.Binding, attempt.BindingHash))
            return new AttemptUse(null, SignInRefusal.OtherBrowser);
        return command.BrokerError is not null ? new AttemptUse(null, SignInRefusal.BrokerError) : new AttemptUse(attempt.NonceHash, null);
    }
}
