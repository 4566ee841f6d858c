using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using Mediator;

namespace CleanLedger.Application.Ledger.Accounts.ListAccounts;

public sealed record ListAccounts(Guid OrgId) : IQuery<IReadOnlyList<AccountDetails>>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ViewBooks;
}

public sealed class ListAccountsHandler(IChartOfAccounts chart) : IQueryHandler<ListAccounts, IReadOnlyList<AccountDetails>>
{
    public async ValueTask<IReadOnlyList<AccountDetails>> Handle(ListAccounts query, CancellationToken cancellationToken) =>
        (await chart.ListAsync(query.OrgId, cancellationToken)).Select(AccountDetails.From).ToList();
}
