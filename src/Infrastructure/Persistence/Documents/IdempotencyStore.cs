using CleanLedger.Application.Documents;

namespace CleanLedger.Infrastructure.Persistence.Documents;

/// <summary>
/// The claim is an INSERT on the key's primary key inside the command's transaction: a concurrent
/// request with the same key blocks on it (PostgreSQL) or on the write lock (SQLite) until the
/// first commits, then finds its answer — or, if the first rolled back, claims the key itself.
/// </summary>
public sealed class IdempotencyStore(DbSession session) : IIdempotencyStore
{
    public async Task<IdempotencyRecord?> ClaimAsync(
        Guid orgId, Guid userId, string key, string fingerprint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claimed = await session.ExecuteAsync(
            """
            INSERT INTO idempotency_keys (org_id, user_id, key, fingerprint, created_at) VALUES (@orgId, @userId, @key, @fingerprint, @now)
            ON CONFLICT (org_id, user_id, key) DO NOTHING
            """,
            new { orgId, userId, key, fingerprint, now },
            cancellationToken);
        return claimed == 1
            ? null
            : await session.QuerySingleOrDefaultAsync<IdempotencyRecord>(
                "SELECT fingerprint AS Fingerprint, response AS Response FROM idempotency_keys WHERE org_id = @orgId AND user_id = @userId AND key = @key",
                new { orgId, userId, key },
                cancellationToken);
    }

    public Task CompleteAsync(Guid orgId, Guid userId, string key, string response, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "UPDATE idempotency_keys SET response = @response WHERE org_id = @orgId AND user_id = @userId AND key = @key",
            new { orgId, userId, key, response },
            cancellationToken);
}
