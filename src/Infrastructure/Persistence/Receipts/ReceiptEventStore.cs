using CleanLedger.Application.Receipts;
using CleanLedger.Domain.Documents;

namespace CleanLedger.Infrastructure.Persistence.Receipts;

public sealed class ReceiptEventStore(DbSession session) : IReceiptEvents
{
    /// <summary>Percentiles are taken over the most recent postings only.</summary>
    public const int LatencySample = 10_000;

    public async Task RecordAsync(Guid orgId, Guid documentId, string kind, DateTimeOffset at, long? latencyMs, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            """
            INSERT INTO receipt_events (id, org_id, document_id, kind, occurred_at, latency_ms)
            VALUES (@id, @orgId, @documentId, @kind, @at, @latencyMs)
            ON CONFLICT (document_id, kind) DO NOTHING
            """,
            new { id = Guid.CreateVersion7(at), orgId, documentId, kind, at, latencyMs },
            cancellationToken);

    public async Task<PipelineFigures> FiguresAsync(CancellationToken cancellationToken)
    {
        var counts = await session.QueryAsync<(string Kind, long Count)>(
            "SELECT kind, COUNT(*) FROM receipt_events GROUP BY kind", null, cancellationToken);
        var latencies = await session.QueryAsync<long>(
            $"""
            SELECT latency_ms FROM receipt_events WHERE kind IN (@autoposted, @approved) AND latency_ms IS NOT NULL
            ORDER BY occurred_at DESC LIMIT {LatencySample}
            """,
            new { autoposted = ReceiptEventKinds.Autoposted, approved = ReceiptEventKinds.Approved },
            cancellationToken);
        var waiting = await session.QuerySingleOrDefaultAsync<(long Count, DateTimeOffset? Oldest)>(
            "SELECT COUNT(*), MIN(uploaded_at) FROM documents WHERE status IN (@received, @processing)",
            new { received = nameof(DocumentStatus.Received), processing = nameof(DocumentStatus.Processing) },
            cancellationToken);
        return new PipelineFigures(counts.ToDictionary(row => row.Kind, row => row.Count), latencies, waiting.Count, waiting.Oldest);
    }
}
