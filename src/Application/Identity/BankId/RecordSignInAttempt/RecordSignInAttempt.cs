using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Identity;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Identity.BankId.RecordSignInAttempt;

/// <summary>Keeps a started attempt for its ten minutes: only the hashes of its state, binding and nonce (see <see cref="BankIdSignIn"/>).</summary>
public sealed record RecordSignInAttempt(string State, string Binding, string Nonce) : ICommand<DateTimeOffset>, ICredentialScoped;

public sealed class RecordSignInAttemptValidator : AbstractValidator<RecordSignInAttempt>
{
    public RecordSignInAttemptValidator()
    {
        RuleFor(command => command.State).NotEmpty().MaximumLength(SignInAttemptSecrets.MaxLength);
        RuleFor(command => command.Binding).NotEmpty().MaximumLength(SignInAttemptSecrets.MaxLength);
        RuleFor(command => command.Nonce).NotEmpty().MaximumLength(SignInAttemptSecrets.MaxLength);
    }
}

public sealed class RecordSignInAttemptHandler(ISignInAttemptStore attempts, TimeProvider clock) : ICommandHandler<RecordSignInAttempt, DateTimeOffset>
{
    public async ValueTask<DateTimeOffset> Handle(RecordSignInAttempt command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expiresAt = now + SignInAttemptSecrets.Lifetime;
        await attempts.AddAsync(
            new SignInAttempt(SignInAttemptSecrets.Hash(command.State), SignInAttemptSecrets.Hash(command.Binding), SignInAttemptSecrets.Hash(command.Nonce), expiresAt),
            now,
            cancellationToken);
        return expiresAt;
    }
}
