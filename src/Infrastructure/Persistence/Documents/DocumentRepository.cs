using CleanLedger.Application.Documents;
using CleanLedger.Domain.Documents;

namespace CleanLedger.Infrastructure.Persistence.Documents;

public sealed class DocumentRepository(DbSession session) : IDocumentRepository
{
    private const string Columns = """
        id AS Id, status AS Status, sha256 AS Sha256, file_name AS FileName, content_type AS ContentType, size_bytes AS Size,
        storage_key AS StorageKey, scan_result AS ScanResult, uploaded_at AS UploadedAt, uploaded_by AS UploadedBy
        """;

    public Task<DocumentRecord?> FindByHashAsync(Guid orgId, string sha256, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<DocumentRecord>(
            $"SELECT {Columns} FROM documents WHERE org_id = @orgId AND sha256 = @sha256", new { orgId, sha256 }, cancellationToken);

    public Task<DocumentRecord?> FindAsync(Guid orgId, Guid documentId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<DocumentRecord>(
            $"SELECT {Columns} FROM documents WHERE org_id = @orgId AND id = @documentId", new { orgId, documentId }, cancellationToken);

    public async Task<bool> InsertAsync(Guid orgId, DocumentRecord document, InspectedFile inspected, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            """
            INSERT INTO documents (id, org_id, status, sha256, file_name, content_type, size_bytes, width, height, pages,
                                   storage_key, scan_result, uploaded_at, uploaded_by)
            VALUES (@Id, @orgId, @status, @Sha256, @FileName, @ContentType, @Size, @Width, @Height, @Pages,
                    @StorageKey, @scan, @UploadedAt, @UploadedBy)
            ON CONFLICT (org_id, sha256) DO NOTHING
            """,
            new
            {
                document.Id,
                orgId,
                status = document.Status.ToString(),
                document.Sha256,
                document.FileName,
                document.ContentType,
                document.Size,
                inspected.Width,
                inspected.Height,
                inspected.Pages,
                document.StorageKey,
                scan = document.ScanResult.ToString(),
                document.UploadedAt,
                document.UploadedBy,
            },
            cancellationToken) == 1;

    public async Task<DocumentPage> ListAsync(Guid orgId, DocumentStatus? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        var where = status is null ? "org_id = @orgId" : "org_id = @orgId AND status = @status";
        var parameters = new { orgId, status = status?.ToString(), skip = (page - 1) * pageSize, take = pageSize };
        var total = await session.QuerySingleOrDefaultAsync<long>($"SELECT COUNT(*) FROM documents WHERE {where}", parameters, cancellationToken);
        var items = await session.QueryAsync<DocumentSummary>(
            $"""
            SELECT id AS Id, status AS Status, sha256 AS Sha256, file_name AS FileName, content_type AS ContentType, uploaded_at AS UploadedAt
            FROM documents WHERE {where} ORDER BY uploaded_at DESC, id DESC LIMIT @take OFFSET @skip
            """,
            parameters,
            cancellationToken);
        return new DocumentPage(items, page, pageSize, total);
    }
}
