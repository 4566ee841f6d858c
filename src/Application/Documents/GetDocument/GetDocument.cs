using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using Mediator;

namespace CleanLedger.Application.Documents.GetDocument;

public sealed record GetDocument(Guid OrgId, Guid DocumentId) : IQuery<DocumentRecord>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ViewBooks;
}

public sealed class GetDocumentHandler(IDocumentRepository documents) : IQueryHandler<GetDocument, DocumentRecord>
{
    public async ValueTask<DocumentRecord> Handle(GetDocument query, CancellationToken cancellationToken) =>
        await documents.FindAsync(query.OrgId, query.DocumentId, cancellationToken) ?? throw new NotFoundException("Document", query.DocumentId);
}
