using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using CleanLedger.Application.Common.Validation;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Ledger.Verifications.ListVerifications;

/// <summary>Verifications in registration order (series, number), optionally within dates and one series.</summary>
public sealed record ListVerifications(Guid OrgId, DateOnly? From, DateOnly? To, string? Series, int Page = 1, int PageSize = 50)
    : IQuery<VerificationPage>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ViewBooks;
}

public sealed class ListVerificationsValidator : AbstractValidator<ListVerifications>
{
    public ListVerificationsValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, 100_000);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 500);
        RuleFor(q => q.From).WithinBookkeepingDates();
        RuleFor(q => q.To).WithinBookkeepingDates();
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null);
        RuleFor(q => q.Series).Matches("^[A-Z]{1,4}$").When(q => q.Series is not null).WithMessage("A series is 1 to 4 capital letters (A–Z).");
    }
}

public sealed class ListVerificationsHandler(IVerificationReader verifications) : IQueryHandler<ListVerifications, VerificationPage>
{
    public async ValueTask<VerificationPage> Handle(ListVerifications query, CancellationToken cancellationToken) =>
        await verifications.ListAsync(query.OrgId, query.From, query.To, query.Series, query.Page, query.PageSize, cancellationToken);
}
