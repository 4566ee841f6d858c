using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using Mediator;

namespace CleanLedger.Application.Receipts.ProcessReceipt;

/// <summary>
/// Documents whose pipeline run never finished (the process stopped mid-way): received or processing
/// since before <see cref="Before"/>, across organisations, for the sweep to run again.
/// </summary>
public sealed record FindUnfinishedReceipts(DateTimeOffset Before, int Limit) : IQuery<IReadOnlyList<(Guid OrgId, Guid DocumentId)>>, IPlatformScoped
{
    public static PlatformPermissions RequiredPermission => PlatformPermissions.FindUnfinishedWork;
}

public sealed class FindUnfinishedReceiptsHandler(IReceiptWorkStore receipts) : IQueryHandler<FindUnfinishedReceipts, IReadOnlyList<(Guid OrgId, Guid DocumentId)>>
{
    public async ValueTask<IReadOnlyList<(Guid OrgId, Guid DocumentId)>> Handle(FindUnfinishedReceipts query, CancellationToken cancellationToken) =>
        await receipts.FindUnfinishedAsync(query.Before, query.Limit, cancellationToken);
}
