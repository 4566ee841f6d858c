using CleanLedger.Domain.Identity;

namespace CleanLedger.Application.Identity.Tokens;

/// <summary>What a sign-in or a refresh answers: our access token and the refresh token that replaces the one presented.</summary>
public sealed record TokenPair(string AccessToken, TimeSpan AccessTokenLifetime, string RefreshToken);

public sealed record TokenLifetimes(TimeSpan AccessToken, TimeSpan RefreshToken);

/// <summary>
/// Issues our tokens inside the caller's write transaction: a new family at sign-in, the next
/// member of a family at refresh. Tokens are stored hashed only.
/// </summary>
public sealed class TokenSessions(IAccessTokenIssuer accessTokens, IRefreshTokenStore refreshTokens, TokenLifetimes lifetimes)
{
    public Task<TokenPair> StartAsync(Guid userId, string displayName, DateTimeOffset now, CancellationToken cancellationToken) =>
        IssueAsync(Guid.CreateVersion7(now), userId, displayName, now, cancellationToken);

    public Task<TokenPair> ContinueAsync(RefreshTokenRecord used, DateTimeOffset now, CancellationToken cancellationToken) =>
        IssueAsync(used.FamilyId, used.UserId, used.DisplayName, now, cancellationToken);

    private async Task<TokenPair> IssueAsync(Guid familyId, Guid userId, string displayName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var refreshToken = RefreshTokenValue.New();
        await refreshTokens.AddAsync(
            new RefreshTokenRecord(RefreshTokenValue.Hash(refreshToken), familyId, userId, displayName, now + lifetimes.RefreshToken, UsedAt: null, RevokedAt: null),
            now,
            cancellationToken);
        var accessToken = await accessTokens.IssueAsync(userId, displayName, now, cancellationToken);
        return new TokenPair(accessToken, lifetimes.AccessToken, refreshToken);
    }
}
