using CleanLedger.Application.Identity.Tokens;

namespace CleanLedger.Infrastructure.Persistence.Identity;

public sealed class RefreshTokenStore(DbSession session) : IRefreshTokenStore
{
    public Task AddAsync(RefreshTokenRecord token, DateTimeOffset issuedAt, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO refresh_tokens (token_hash, family_id, user_id, issued_at, expires_at)
            VALUES (@TokenHash, @FamilyId, @UserId, @issuedAt, @ExpiresAt)
            """,
            new { token.TokenHash, token.FamilyId, token.UserId, issuedAt, token.ExpiresAt },
            cancellationToken);

    public Task<RefreshTokenRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<RefreshTokenRecord>(
            """
            SELECT t.token_hash AS TokenHash, t.family_id AS FamilyId, t.user_id AS UserId, coalesce(u.display_name, '') AS DisplayName,
                   t.expires_at AS ExpiresAt, t.used_at AS UsedAt, t.revoked_at AS RevokedAt
            FROM refresh_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = @tokenHash
            """,
            new { tokenHash },
            cancellationToken);

    public async Task<bool> TryUseAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            "UPDATE refresh_tokens SET used_at = @now WHERE token_hash = @tokenHash AND used_at IS NULL AND revoked_at IS NULL",
            new { tokenHash, now },
            cancellationToken) == 1;

    public Task<int> RevokeFamilyAsync(Guid familyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "UPDATE refresh_tokens SET revoked_at = @now WHERE family_id = @familyId AND revoked_at IS NULL",
            new { familyId, now },
            cancellationToken);

    public Task<int> RevokeUserAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "UPDATE refresh_tokens SET revoked_at = @now WHERE user_id = @userId AND revoked_at IS NULL",
            new { userId, now },
            cancellationToken);

    public Task RecordRefusalAsync(Guid familyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "INSERT INTO refresh_token_refusals (id, family_id, refused_at) VALUES (@id, @familyId, @now)",
            new { id = Guid.CreateVersion7(now), familyId, now },
            cancellationToken);

    public async Task<int> CountRefusalsAsync(Guid familyId, DateTimeOffset since, CancellationToken cancellationToken) =>
        (int)await session.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM refresh_token_refusals WHERE family_id = @familyId AND refused_at > @since",
            new { familyId, since },
            cancellationToken);
}
