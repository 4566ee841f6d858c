using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Domain.Documents;
using CleanLedger.Domain.Receipts;

namespace CleanLedger.Application.Receipts;

/// <summary>Where a document's text came from.</summary>
public enum TextSource
{
    /// <summary>A PDF's own text layer (exact; confidence 100).</summary>
    PdfTextLayer,

    /// <summary>Tesseract on an image, or on a rasterised PDF page.</summary>
    Ocr,

    /// <summary>An e-invoice's supplier and item names, as sent (exact).</summary>
    EInvoice,
}

/// <summary>A document's text, pages joined by a form feed, with Tesseract's mean word confidence (0..100).</summary>
public sealed record OcrResult(string Text, double MeanConfidence, int Pages, TextSource Source);

/// <summary>Which reading of an image: the standard one, or the alternative that complements it where the first was doubtful.</summary>
public enum OcrPass
{
    Standard,
    Alternative,

    /// <summary>The alternative reading as the only one (the standard pass read next to nothing): it may take every free engine.</summary>
    AlternativeAlone,
}

/// <summary>Reads the text of a stored receipt image or PDF.</summary>
public interface IOcrEngine
{
    /// <summary>A PDF's text layer is the same in either pass; images and rasterised pages are recognised as the pass prepares them.</summary>
    Task<OcrResult> ReadAsync(ReadOnlyMemory<byte> content, string contentType, OcrPass pass, CancellationToken cancellationToken);

    /// <summary>Engines free right now: with two or more, a second pass can run beside the first at no cost in time.</summary>
    int IdleEngines { get; }
}

/// <summary>Turns a receipt's text into fields with confidences. The heuristic reader needs no network.</summary>
public interface IReceiptExtractor
{
    Task<ReceiptExtraction> ExtractAsync(OcrResult text, CancellationToken cancellationToken);
}

/// <summary>A proposal as stored for review: the lines a person sees and may correct.</summary>
public sealed record StoredProposal(
    DateOnly? Date,
    string Description,
    string? Counterparty,
    string Category,
    int CostAccount,
    AccountSource AccountSource,
    IReadOnlyList<LineInput>? Lines);

/// <summary>A document on its way through the pipeline, as the steps need it.</summary>
public sealed record ReceiptWork(
    Guid DocumentId,
    DocumentStatus Status,
    string Sha256,
    string ContentType,
    string StorageKey,
    DateTimeOffset UploadedAt,
    OcrResult? Text,
    ReceiptExtraction? Extraction,
    int Attempts)
{
    public bool IsFinal => Status is DocumentStatus.Posted or DocumentStatus.NeedsReview or DocumentStatus.Rejected;
}

/// <summary>What the pipeline has found out about a document, as the document and review answers show it.</summary>
public sealed record ReceiptFindings(
    string? OcrText,
    ReceiptExtraction? Extraction,
    StoredProposal? Proposal,
    IReadOnlyList<ReviewReason> ReviewReasons,
    IReadOnlyList<ComplianceResult> ComplianceResults,
    Guid? VerificationId);

/// <summary>The pipeline's state per document (receipt_processing), changed only forward.</summary>
public interface IReceiptWorkStore
{
    /// <summary>The document and its pipeline state, locked against a concurrent step until the transaction ends.</summary>
    Task<ReceiptWork?> LockAsync(Guid orgId, Guid documentId, CancellationToken cancellationToken);

    /// <summary>Marks the document processing and counts the attempt.</summary>
    Task StartAsync(Guid orgId, Guid documentId, DateTimeOffset now, CancellationToken cancellationToken);

    Task SaveTextAsync(Guid orgId, Guid documentId, OcrResult text, CancellationToken cancellationToken);

    Task SaveExtractionAsync(Guid orgId, Guid documentId, ReceiptExtraction extraction, CancellationToken cancellationToken);

    /// <summary>Ends the document's way: posted (with its verification), in review, or failed.</summary>
    Task FinishAsync(Guid orgId, Guid documentId, DocumentStatus status, ReceiptFindings findings, string? failure, DateTimeOffset now, CancellationToken cancellationToken);

    Task<ReceiptFindings?> FindingsAsync(Guid orgId, Guid documentId, CancellationToken cancellationToken);

    Task<ReviewPage> ListReviewAsync(Guid orgId, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>Across organisations (platform scope): documents received or processing since before <paramref name="before"/>.</summary>
    Task<IReadOnlyList<(Guid OrgId, Guid DocumentId)>> FindUnfinishedAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken);
}

public sealed record ReviewItem(Guid DocumentId, string FileName, DateTimeOffset UploadedAt, ReceiptFindings Findings);

public sealed record ReviewPage(IReadOnlyList<ReviewItem> Items, int Page, int PageSize, long Total);

/// <summary>The organisation's memory of its vendors: what its approvals taught about each (<see cref="VendorHistory"/>).</summary>
public interface IVendorMemory
{
    /// <summary>The history remembered under the first of <paramref name="vendorKeys"/> that has one.</summary>
    Task<VendorHistory?> FindAsync(Guid orgId, IReadOnlyList<string> vendorKeys, CancellationToken cancellationToken);

    /// <summary>Remembers the history under every one of <paramref name="vendorKeys"/>, replacing what was there.</summary>
    Task RememberAsync(Guid orgId, IReadOnlyList<string> vendorKeys, string vendor, VendorHistory history, Guid learnedFrom, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Approved reviews: what was proposed and what the person posted instead (for learning and audit).</summary>
public interface IReceiptFeedback
{
    Task RecordAsync(Guid orgId, Guid documentId, Guid verificationId, StoredProposal? proposed, IReadOnlyList<LineInput> approved, bool corrected, Guid by, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Runs the pipeline for a document after the current transaction commits (a job queue).</summary>
public interface IReceiptJobs
{
    void EnqueueAfterCommit(Guid orgId, Guid documentId);
}

/// <summary>The durable log of pipeline outcomes the KPIs count; each kind at most once per document.</summary>
public interface IReceiptEvents
{
    Task RecordAsync(Guid orgId, Guid documentId, string kind, DateTimeOffset at, long? latencyMs, CancellationToken cancellationToken);

    /// <summary>Across organisations (platform scope).</summary>
    Task<PipelineFigures> FiguresAsync(CancellationToken cancellationToken);
}

public static class ReceiptEventKinds
{
    /// <summary>The pipeline judged a receipt (whether it posted or not).</summary>
    public const string Attempt = "attempt";

    public const string Autoposted = "autoposted";
    public const string SentToReview = "review";

    /// <summary>The pre-check found a blocking rule.</summary>
    public const string PrecheckBlocked = "precheck_blocked";

    /// <summary>The pre-check passed but posting itself was refused (the books changed in between).</summary>
    public const string PostBlocked = "post_blocked";

    public const string Approved = "approved";
    public const string Failed = "failed";
}

/// <summary>
/// Counts per event kind, the upload→posted latencies (most recent first, bounded), and the
/// documents waiting for the pipeline now.
/// </summary>
public sealed record PipelineFigures(IReadOnlyDictionary<string, long> Counts, IReadOnlyList<long> PostedLatenciesMs, long Waiting, DateTimeOffset? OldestWaitingSince);
