using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Identity;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Identity.Tokens.Logout;

/// <summary>
/// Signs out: revokes the family of the presented refresh token. An unknown token changes nothing
/// and is not reported (RFC 7009): the answer tells nobody which tokens exist.
/// </summary>
public sealed record Logout(string RefreshToken) : ICommand<Unit>, ICredentialScoped;

public sealed class LogoutValidator : AbstractValidator<Logout>
{
    public LogoutValidator() => RuleFor(command => command.RefreshToken).NotEmpty().MaximumLength(RefreshSession.RefreshSessionValidator.MaxLength);
}

public sealed class LogoutHandler(IRefreshTokenStore refreshTokens, TimeProvider clock) : ICommandHandler<Logout, Unit>
{
    public async ValueTask<Unit> Handle(Logout command, CancellationToken cancellationToken)
    {
        if (await refreshTokens.FindAsync(RefreshTokenValue.Hash(command.RefreshToken), cancellationToken) is { } token)
            await refreshTokens.RevokeFamilyAsync(token.FamilyId, clock.GetUtcNow(), cancellationToken);
        return Unit.Value;
    }
}
