using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Documents;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Documents.ListDocuments;

public sealed record ListDocuments(Guid OrgId, DocumentStatus? Status, int Page = 1, int PageSize = 50) : IQuery<DocumentPage>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ViewBooks;
}

public sealed class ListDocumentsValidator : AbstractValidator<ListDocuments>
{
    public ListDocumentsValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, 100_000);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 500);
        RuleFor(q => q.Status).IsInEnum();
    }
}

public sealed class ListDocumentsHandler(IDocumentRepository documents) : IQueryHandler<ListDocuments, DocumentPage>
{
    public async ValueTask<DocumentPage> Handle(ListDocuments query, CancellationToken cancellationToken) =>
        await documents.ListAsync(query.OrgId, query.Status, query.Page, query.PageSize, cancellationToken);
}
