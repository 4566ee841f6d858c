using CleanLedger.Domain.Documents;

namespace CleanLedger.Application.Documents;

/// <summary>An upload already on local disk, hashed while it was streamed there.</summary>
public sealed record IncomingFile(string Path, string FileName, string? DeclaredContentType, long Size, string Sha256);

/// <summary>What inspection found out about an accepted file.</summary>
public sealed record InspectedFile(string ContentType, int? Width, int? Height, int? Pages);

/// <summary>Why an upload is refused; nothing is stored.</summary>
public enum UploadRejection
{
    /// <summary>Larger than the configured cap (413).</summary>
    TooLarge,

    /// <summary>Not a type we accept, or bytes that contradict the declared type (415).</summary>
    UnsupportedType,

    /// <summary>A type we accept, but dangerous or broken: image bomb, truncated, active PDF content, malware (422).</summary>
    Unprocessable,
}

public sealed class UploadRejectedException(UploadRejection rejection, string code, string reason) : Exception(reason)
{
    public UploadRejection Rejection { get; } = rejection;

    /// <summary>Stable machine-readable reason, e.g. "image.too_many_pixels".</summary>
    public string Code { get; } = code;
}

/// <summary>Type by content, size and shape limits, structure: refuses anything not a plain receipt image or PDF.</summary>
public interface IDocumentInspector
{
    /// <exception cref="UploadRejectedException">The file is refused.</exception>
    Task<InspectedFile> InspectAsync(IncomingFile file, CancellationToken cancellationToken);
}

/// <summary>
/// Write-once storage for accepted documents. There is deliberately no delete: bookkeeping
/// material is kept at least seven years (BFL 7 kap.).
/// </summary>
public interface IDocumentStore
{
    /// <summary>Stores the file's bytes under a key derived from their hash; returns the key. Never overwrites.</summary>
    Task<string> PutAsync(IncomingFile file, DateOnly retainUntil, CancellationToken cancellationToken);

    /// <summary>The stored bytes, verified against <paramref name="sha256"/> as they are read.</summary>
    Task<Stream> OpenReadAsync(string storageKey, string sha256, CancellationToken cancellationToken);
}

/// <summary>
/// Keeps a stored document past its retention date while a legal hold is on, whatever the
/// retention says (S3 Object Lock's legal hold); lifting it never shortens the retention.
/// </summary>
public interface IDocumentLegalHold
{
    Task SetAsync(string storageKey, bool onHold, CancellationToken cancellationToken);
}

/// <summary>A document's legal hold as it stands: the last change, by whom and why. Its history is the audit chain.</summary>
public sealed record LegalHold(Guid DocumentId, bool OnHold, string Reason, DateTimeOffset ChangedAt, Guid ChangedBy);

public interface ILegalHoldRegister
{
    Task<LegalHold?> FindAsync(Guid orgId, Guid documentId, CancellationToken cancellationToken);

    Task SetAsync(Guid orgId, LegalHold hold, CancellationToken cancellationToken);
}

public sealed record DocumentRecord(
    Guid Id,
    DocumentStatus Status,
    string Sha256,
    string FileName,
    string ContentType,
    long Size,
    string StorageKey,
    ScanResult ScanResult,
    DateTimeOffset UploadedAt,
    Guid UploadedBy);

public interface IDocumentRepository
{
    Task<DocumentRecord?> FindByHashAsync(Guid orgId, string sha256, CancellationToken cancellationToken);

    Task<DocumentRecord?> FindAsync(Guid orgId, Guid documentId, CancellationToken cancellationToken);

    /// <summary>False when the organisation already has these bytes (a concurrent upload won).</summary>
    Task<bool> InsertAsync(Guid orgId, DocumentRecord document, InspectedFile inspected, CancellationToken cancellationToken);

    Task<DocumentPage> ListAsync(Guid orgId, DocumentStatus? status, int page, int pageSize, CancellationToken cancellationToken);
}

public sealed record DocumentSummary(Guid Id, DocumentStatus Status, string Sha256, string FileName, string ContentType, DateTimeOffset UploadedAt);

public sealed record DocumentPage(IReadOnlyList<DocumentSummary> Items, int Page, int PageSize, long Total);

/// <summary>
/// Idempotency-Key records (per organisation, user and key): the first request's fingerprint and
/// answer, kept at least seven days.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims the key for this request inside the command's transaction, or returns the earlier
    /// request's record. A concurrent claimant waits until the first one's transaction ends.
    /// </summary>
    Task<IdempotencyRecord?> ClaimAsync(Guid orgId, Guid userId, string key, string fingerprint, DateTimeOffset now, CancellationToken cancellationToken);

    Task CompleteAsync(Guid orgId, Guid userId, string key, string response, CancellationToken cancellationToken);
}

public sealed record IdempotencyRecord(string Fingerprint, string? Response);

/// <summary>Whether uploads are scanned, and by what.</summary>
public interface IVirusScanner
{
    /// <exception cref="UploadRejectedException">Malware was found.</exception>
    Task<ScanResult> ScanAsync(IncomingFile file, CancellationToken cancellationToken);
}
