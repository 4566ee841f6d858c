using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Ledger.Audit.ListAuditEvents;

/// <summary>The organisation's behandlingshistorik, newest first.</summary>
public sealed record ListAuditEvents(Guid OrgId, int Limit = 100) : IQuery<IReadOnlyList<AuditEvent>>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ViewBooks;
}

public sealed class ListAuditEventsValidator : AbstractValidator<ListAuditEvents>
{
    public ListAuditEventsValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, 1000);
}

public sealed class ListAuditEventsHandler(IAuditTrail audit) : IQueryHandler<ListAuditEvents, IReadOnlyList<AuditEvent>>
{
    public async ValueTask<IReadOnlyList<AuditEvent>> Handle(ListAuditEvents query, CancellationToken cancellationToken) =>
        await audit.ListAsync(query.OrgId, query.Limit, cancellationToken);
}
