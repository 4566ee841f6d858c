using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Receipts.Review;

/// <summary>Documents waiting for a person, oldest first, with the reasons and the proposed verification.</summary>
public sealed record ListPendingReviews(Guid OrgId, int Page, int PageSize) : IQuery<ReviewPage>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ReviewDocuments;
}

public sealed class ListPendingReviewsValidator : AbstractValidator<ListPendingReviews>
{
    public ListPendingReviewsValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, 100_000);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200);
    }
}

public sealed class ListPendingReviewsHandler(IReceiptWorkStore receipts) : IQueryHandler<ListPendingReviews, ReviewPage>
{
    public async ValueTask<ReviewPage> Handle(ListPendingReviews query, CancellationToken cancellationToken) =>
        await receipts.ListReviewAsync(query.OrgId, query.Page, query.PageSize, cancellationToken);
}
