using CleanLedger.Application.Documents;

namespace CleanLedger.Infrastructure.Persistence.Documents;

public sealed class LegalHoldRegister(DbSession session) : ILegalHoldRegister
{
    public async Task<LegalHold?> FindAsync(Guid orgId, Guid documentId, CancellationToken cancellationToken)
    {
        // A tuple, not the record: SQLite answers the flag as an integer, which only a tuple converts.
        var rows = await session.QueryAsync<(Guid DocumentId, bool OnHold, string Reason, DateTimeOffset ChangedAt, Guid ChangedBy)>(
            """
            SELECT document_id, on_hold, reason, changed_at, changed_by
            FROM document_legal_holds WHERE org_id = @orgId AND document_id = @documentId
            """,
            new { orgId, documentId },
            cancellationToken);
        return rows.Select(row => new LegalHold(row.DocumentId, row.OnHold, row.Reason, row.ChangedAt, row.ChangedBy)).SingleOrDefault();
    }

    public Task SetAsync(Guid orgId, LegalHold hold, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO document_legal_holds (org_id, document_id, on_hold, reason, changed_at, changed_by)
            VALUES (@orgId, @DocumentId, @OnHold, @Reason, @ChangedAt, @ChangedBy)
            ON CONFLICT (org_id, document_id) DO UPDATE
            SET on_hold = excluded.on_hold, reason = excluded.reason, changed_at = excluded.changed_at, changed_by = excluded.changed_by
            """,
            new { orgId, hold.DocumentId, hold.OnHold, hold.Reason, hold.ChangedAt, hold.ChangedBy },
            cancellationToken);
}
