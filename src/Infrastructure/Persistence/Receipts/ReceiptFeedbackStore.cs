using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Receipts;

namespace CleanLedger.Infrastructure.Persistence.Receipts;

public sealed class ReceiptFeedbackStore(DbSession session) : IReceiptFeedback
{
    public async Task RecordAsync(
        Guid orgId, Guid documentId, Guid verificationId, StoredProposal? proposed, IReadOnlyList<LineInput> approved, bool corrected, Guid by,
        DateTimeOffset now, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            """
            INSERT INTO receipt_feedback (id, org_id, document_id, verification_id, proposed, approved, corrected, created_by, created_at)
            VALUES (@id, @orgId, @documentId, @verificationId, @proposed, @approved, @corrected, @by, @now)
            """,
            new
            {
                id = Guid.CreateVersion7(now),
                orgId,
                documentId,
                verificationId,
                proposed = ReceiptJson.Write(proposed),
                approved = ReceiptJson.Write(approved),
                corrected,
                by,
                now,
            },
            cancellationToken);
}
