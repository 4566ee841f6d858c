using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using Mediator;

namespace CleanLedger.Application.Documents.ReadDocumentFile;

/// <summary>The exact bytes as uploaded, verified against their hash while read.</summary>
public sealed record ReadDocumentFile(Guid OrgId, Guid DocumentId) : IQuery<DocumentFile>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ViewBooks;
}

public sealed record DocumentFile(Stream Content, string ContentType, string FileName, string Sha256);

public sealed class ReadDocumentFileHandler(IDocumentRepository documents, IDocumentStore store) : IQueryHandler<ReadDocumentFile, DocumentFile>
{
    public async ValueTask<DocumentFile> Handle(ReadDocumentFile query, CancellationToken cancellationToken)
    {
        var document = await documents.FindAsync(query.OrgId, query.DocumentId, cancellationToken)
            ?? throw new NotFoundException("Document", query.DocumentId);
        var content = await store.OpenReadAsync(document.StorageKey, document.Sha256, cancellationToken);
        return new DocumentFile(content, document.ContentType, document.FileName, document.Sha256);
    }
}
