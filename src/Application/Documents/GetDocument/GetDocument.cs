using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Receipts;
using CleanLedger.Domain.Access;
using Mediator;

namespace CleanLedger.Application.Documents.GetDocument;

public sealed record GetDocument(Guid OrgId, Guid DocumentId) : IQuery<DocumentDetails>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ViewBooks;
}

/// <summary>The document and what the receipt pipeline has found out so far (null before it starts).</summary>
public sealed record DocumentDetails(DocumentRecord Document, ReceiptFindings? Findings);

public sealed class GetDocumentHandler(IDocumentRepository documents, IReceiptWorkStore receipts) : IQueryHandler<GetDocument, DocumentDetails>
{
    public async ValueTask<DocumentDetails> Handle(GetDocument query, CancellationToken cancellationToken)
    {
        var document = await documents.FindAsync(query.OrgId, query.DocumentId, cancellationToken) ?? throw new NotFoundException("Document", query.DocumentId);
        return new DocumentDetails(document, await receipts.FindingsAsync(query.OrgId, query.DocumentId, cancellationToken));
    }
}
