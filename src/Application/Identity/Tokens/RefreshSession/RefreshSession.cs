using CleanLedger.Application.Audit;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Identity;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Identity.Tokens.RefreshSession;

/// <summary>
/// The refresh grant: a refresh token is exchanged once for a new access token and the next
/// refresh token of its family. Presenting a used one again (a replay, or a copy racing the
/// original) revokes the whole family: whoever holds a member of it must sign in again. Known
/// tokens refused for another reason (expired, revoked) count against their family, and enough of
/// them in a short while lock it (<see cref="FailedRefreshLockout"/>).
/// </summary>
public sealed record RefreshSession(string RefreshToken) : ICommand<RefreshOutcome>, ICredentialScoped;

/// <summary>New tokens, or null: the presented token is unknown, expired, revoked or used. Every refusal looks the same to the caller.</summary>
public sealed record RefreshOutcome(TokenPair? Tokens)
{
    public static readonly RefreshOutcome Refused = new((TokenPair?)null);
}

public sealed class RefreshSessionValidator : AbstractValidator<RefreshSession>
{
    /// <summary>Far above the 43 characters we issue; anything longer is not ours.</summary>
    public const int MaxLength = 200;

    public RefreshSessionValidator() => RuleFor(command => command.RefreshToken).NotEmpty().MaximumLength(MaxLength);
}

public sealed class RefreshSessionHandler(
    IRefreshTokenStore refreshTokens, TokenSessions sessions, IPlatformAudit audit, FailedRefreshLockout lockout, TimeProvider clock)
    : ICommandHandler<RefreshSession, RefreshOutcome>
{
    public const string ReuseDetected = "refresh-token.reused";
    public const string FamilyLocked = "refresh-token.family-locked";

    public async ValueTask<RefreshOutcome> Handle(RefreshSession command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var presented = await refreshTokens.FindAsync(RefreshTokenValue.Hash(command.RefreshToken), cancellationToken);
        if (presented is null)
            return RefreshOutcome.Refused;
        if (presented.RevokedAt is not null || presented.ExpiresAt <= now)
            return await CountRefusalAsync(presented, now, cancellationToken);

        if (presented.UsedAt is not null || !await refreshTokens.TryUseAsync(presented.TokenHash, now, cancellationToken))
        {
            // Committed although the answer is a refusal: the revocation must stand.
            await refreshTokens.RevokeFamilyAsync(presented.FamilyId, now, cancellationToken);
            await audit.RecordAsync(ReuseDetected, presented.FamilyId.ToString(), new { userId = presented.UserId }, cancellationToken);
            return RefreshOutcome.Refused;
        }

        return new RefreshOutcome(await sessions.ContinueAsync(presented, now, cancellationToken));
    }

    // Committed although the answer is a refusal, like the revocation for reuse.
    private async Task<RefreshOutcome> CountRefusalAsync(RefreshTokenRecord presented, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await refreshTokens.RecordRefusalAsync(presented.FamilyId, now, cancellationToken);
        var refusals = await refreshTokens.CountRefusalsAsync(presented.FamilyId, lockout.WindowStart(now), cancellationToken);
        if (lockout.Locks(refusals) && await refreshTokens.RevokeFamilyAsync(presented.FamilyId, now, cancellationToken) > 0)
            await audit.RecordAsync(FamilyLocked, presented.FamilyId.ToString(), new { userId = presented.UserId, refusals }, cancellationToken);
        return RefreshOutcome.Refused;
    }
}
