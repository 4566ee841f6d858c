using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Receipts;
using CleanLedger.Domain.Documents;
using CleanLedger.Domain.Receipts;

namespace CleanLedger.Infrastructure.Persistence.Receipts;

public sealed class ReceiptWorkStore(DbSession session) : IReceiptWorkStore
{
    private const string FindingsColumns = """
        p.ocr_text AS OcrText, p.extraction AS Extraction, p.proposal AS Proposal, p.review_reasons AS ReviewReasons,
        p.compliance_results AS ComplianceResults, p.verification_id AS VerificationId
        """;

    public async Task<ReceiptWork?> LockAsync(Guid orgId, Guid documentId, CancellationToken cancellationToken)
    {
        var row = await session.QuerySingleOrDefaultAsync<WorkRow>(
            $"""
            SELECT d.id AS DocumentId, d.status AS Status, d.sha256 AS Sha256, d.content_type AS ContentType, d.storage_key AS StorageKey,
                   d.uploaded_at AS UploadedAt, p.ocr_text AS OcrText, p.ocr_confidence AS OcrConfidence, p.ocr_source AS OcrSource,
                   p.extraction AS Extraction, COALESCE(p.attempts, 0) AS Attempts
            FROM documents d LEFT JOIN receipt_processing p ON p.document_id = d.id
            WHERE d.org_id = @orgId AND d.id = @documentId
            {(session.ForUpdate.Length == 0 ? "" : session.ForUpdate + " OF d")}
            """,
            new { orgId, documentId },
            cancellationToken);
        return row?.ToWork();
    }

    public async Task StartAsync(Guid orgId, Guid documentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            """
            UPDATE documents SET status = @status WHERE org_id = @orgId AND id = @documentId;
            INSERT INTO receipt_processing (document_id, org_id, attempts, started_at) VALUES (@documentId, @orgId, 1, @now)
            ON CONFLICT (document_id) DO UPDATE SET attempts = receipt_processing.attempts + 1, started_at = @now, failure = NULL;
            """,
            new { orgId, documentId, now, status = nameof(DocumentStatus.Processing) },
            cancellationToken);
    }

    public async Task SaveTextAsync(Guid orgId, Guid documentId, OcrResult text, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            """
            UPDATE receipt_processing SET ocr_text = @Text, ocr_confidence = @MeanConfidence, ocr_source = @source
            WHERE org_id = @orgId AND document_id = @documentId
            """,
            new { orgId, documentId, text.Text, text.MeanConfidence, source = $"{text.Source}:{text.Pages}" },
            cancellationToken);

    public async Task SaveExtractionAsync(Guid orgId, Guid documentId, ReceiptExtraction extraction, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            """
            UPDATE receipt_processing SET extraction = @json, total_ore = @TotalOre, currency = @Currency
            WHERE org_id = @orgId AND document_id = @documentId
            """,
            new { orgId, documentId, json = ReceiptJson.Write(extraction), extraction.TotalOre, extraction.Currency },
            cancellationToken);

    public async Task FinishAsync(
        Guid orgId, Guid documentId, DocumentStatus status, ReceiptFindings findings, string? failure, DateTimeOffset now, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            """
            UPDATE documents SET status = @status WHERE org_id = @orgId AND id = @documentId;
            UPDATE receipt_processing
            SET proposal = @proposal, review_reasons = @reasons, compliance_results = @results, verification_id = @VerificationId,
                failure = @failure, finished_at = @now
            WHERE org_id = @orgId AND document_id = @documentId;
            """,
            new
            {
                orgId,
                documentId,
                status = status.ToString(),
                proposal = ReceiptJson.Write(findings.Proposal),
                reasons = ReceiptJson.Write(findings.ReviewReasons),
                results = ReceiptJson.Write(findings.ComplianceResults),
                findings.VerificationId,
                failure,
                now,
            },
            cancellationToken);

    public async Task<ReceiptFindings?> FindingsAsync(Guid orgId, Guid documentId, CancellationToken cancellationToken)
    {
        var row = await session.QuerySingleOrDefaultAsync<FindingsRow>(
            $"SELECT {FindingsColumns} FROM receipt_processing p WHERE p.org_id = @orgId AND p.document_id = @documentId",
            new { orgId, documentId },
            cancellationToken);
        return row?.ToFindings();
    }

    public async Task<ReviewPage> ListReviewAsync(Guid orgId, int page, int pageSize, CancellationToken cancellationToken)
    {
        var parameters = new { orgId, status = nameof(DocumentStatus.NeedsReview), skip = (page - 1) * pageSize, take = pageSize };
        var total = await session.QuerySingleOrDefaultAsync<long>(
            "SELECT COUNT(*) FROM documents WHERE org_id = @orgId AND status = @status", parameters, cancellationToken);
        var rows = await session.QueryAsync<ReviewRow>(
            $"""
            SELECT d.id AS DocumentId, d.file_name AS FileName, d.uploaded_at AS UploadedAt, {FindingsColumns}
            FROM documents d JOIN receipt_processing p ON p.document_id = d.id
            WHERE d.org_id = @orgId AND d.status = @status
            ORDER BY d.uploaded_at, d.id LIMIT @take OFFSET @skip
            """,
            parameters,
            cancellationToken);
        return new ReviewPage(rows.Select(row => new ReviewItem(row.DocumentId, row.FileName, row.UploadedAt, row.ToFindings())).ToList(), page, pageSize, total);
    }

    public async Task<IReadOnlyList<(Guid OrgId, Guid DocumentId)>> FindUnfinishedAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken) =>
        await session.QueryAsync<(Guid OrgId, Guid DocumentId)>(
            """
            SELECT d.org_id, d.id FROM documents d LEFT JOIN receipt_processing p ON p.document_id = d.id
            WHERE (d.status = @received AND d.uploaded_at < @before) OR (d.status = @processing AND p.started_at < @before)
            ORDER BY d.uploaded_at LIMIT @limit
            """,
            new { received = nameof(DocumentStatus.Received), processing = nameof(DocumentStatus.Processing), before, limit },
            cancellationToken);

    private class FindingsRow
    {
        public string? OcrText { get; init; }

        public string? Extraction { get; init; }

        public string? Proposal { get; init; }

        public string? ReviewReasons { get; init; }

        public string? ComplianceResults { get; init; }

        public Guid? VerificationId { get; init; }

        public ReceiptFindings ToFindings() =>
            new(OcrText, ReceiptJson.Read<ReceiptExtraction>(Extraction), ReceiptJson.Read<StoredProposal>(Proposal),
                ReceiptJson.Read<List<ReviewReason>>(ReviewReasons) ?? [], ReceiptJson.Read<List<ComplianceResult>>(ComplianceResults) ?? [], VerificationId);
    }

    private sealed class ReviewRow : FindingsRow
    {
        public Guid DocumentId { get; init; }

        public string FileName { get; init; } = "";

        public DateTimeOffset UploadedAt { get; init; }
    }

    private sealed class WorkRow
    {
        public Guid DocumentId { get; init; }

        public string Status { get; init; } = "";

        public string Sha256 { get; init; } = "";

        public string ContentType { get; init; } = "";

        public string StorageKey { get; init; } = "";

        public DateTimeOffset UploadedAt { get; init; }

        public string? OcrText { get; init; }

        public double? OcrConfidence { get; init; }

        public string? OcrSource { get; init; }

        public string? Extraction { get; init; }

        public long Attempts { get; init; }

        public ReceiptWork ToWork()
        {
            OcrResult? text = null;
            if (OcrText is not null && OcrSource?.Split(':') is [var source, var pages])
                text = new OcrResult(OcrText, OcrConfidence ?? 0, int.Parse(pages, System.Globalization.CultureInfo.InvariantCulture), Enum.Parse<TextSource>(source));
            return new ReceiptWork(DocumentId, Enum.Parse<DocumentStatus>(Status), Sha256, ContentType, StorageKey, UploadedAt, text,
                ReceiptJson.Read<ReceiptExtraction>(Extraction), (int)Attempts);
        }
    }
}
