using CleanLedger.Domain.Identity;

namespace CleanLedger.Application.Identity.Tokens;

/// <summary>Our signing keys: their states, a new key, and a key's move to another state.</summary>
public interface ISigningKeyRing
{
    /// <summary>Every key not yet retired.</summary>
    Task<IReadOnlyList<SigningKeyStatus>> ListLiveAsync(CancellationToken cancellationToken);

    /// <summary>Makes a new key pair in <paramref name="state"/>; answers its kid.</summary>
    Task<string> CreateAsync(SigningKeyState state, DateTimeOffset now, CancellationToken cancellationToken);

    Task MoveAsync(KeyTransition transition, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Signs our short-lived access token for a user with the current key.</summary>
public interface IAccessTokenIssuer
{
    Task<string> IssueAsync(Guid userId, string displayName, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>A stored refresh token: only its hash, its family and its life.</summary>
public sealed record RefreshTokenRecord(string TokenHash, Guid FamilyId, Guid UserId, string DisplayName, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt, DateTimeOffset? RevokedAt);

public interface IRefreshTokenStore
{
    Task AddAsync(RefreshTokenRecord token, DateTimeOffset issuedAt, CancellationToken cancellationToken);

    Task<RefreshTokenRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the token used if nobody has yet, in one conditional write: of any number of
    /// concurrent callers exactly one is answered true.
    /// </summary>
    Task<bool> TryUseAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Revokes every token of the family not revoked yet; answers how many.</summary>
    Task<int> RevokeFamilyAsync(Guid familyId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Revokes every token of every family of the user not revoked yet; answers how many.</summary>
    Task<int> RevokeUserAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records that a token of the family was presented and refused.</summary>
    Task RecordRefusalAsync(Guid familyId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>How many of the family's tokens were refused since <paramref name="since"/>.</summary>
    Task<int> CountRefusalsAsync(Guid familyId, DateTimeOffset since, CancellationToken cancellationToken);
}
