using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using Mediator;

namespace CleanLedger.Application.Documents.LegalHolds.GetLegalHold;

/// <summary>Whether a document is under legal hold; a document never held answers "not on hold".</summary>
public sealed record GetLegalHold(Guid OrgId, Guid DocumentId) : IQuery<LegalHold?>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ViewBooks;
}

public sealed class GetLegalHoldHandler(IDocumentRepository documents, ILegalHoldRegister holds) : IQueryHandler<GetLegalHold, LegalHold?>
{
    public async ValueTask<LegalHold?> Handle(GetLegalHold query, CancellationToken cancellationToken)
    {
        _ = await documents.FindAsync(query.OrgId, query.DocumentId, cancellationToken) ?? throw new NotFoundException("Document", query.DocumentId);
        return await holds.FindAsync(query.OrgId, query.DocumentId, cancellationToken);
    }
}
