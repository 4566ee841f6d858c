using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Ledger.FiscalYears.CreateFiscalYear;
using CleanLedger.Domain.Access;
using Mediator;

namespace CleanLedger.Application.Ledger.FiscalYears.ListFiscalYears;

public sealed record ListFiscalYears(Guid OrgId) : IQuery<IReadOnlyList<FiscalYearDetails>>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ViewBooks;
}

public sealed class ListFiscalYearsHandler(IFiscalYearStore fiscalYears) : IQueryHandler<ListFiscalYears, IReadOnlyList<FiscalYearDetails>>
{
    public async ValueTask<IReadOnlyList<FiscalYearDetails>> Handle(ListFiscalYears query, CancellationToken cancellationToken) =>
        (await fiscalYears.ListAsync(query.OrgId, cancellationToken)).Select(FiscalYearDetails.From).ToList();
}
