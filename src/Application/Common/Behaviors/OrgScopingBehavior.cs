using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Common.Security;
using Mediator;

namespace CleanLedger.Application.Common.Behaviors;

/// <summary>
/// Puts an org-scoped message into its organisation and checks the caller's role there (see
/// <see cref="OrgAccess"/>), before any write transaction: a refused caller never waits for, nor
/// holds, the database's write lock.
/// </summary>
public sealed class OrgScopingBehavior<TMessage, TResponse>(OrgAccess access)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IOrgScoped, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        await access.DemandAsync(message.OrgId, TMessage.RequiredPermission, cancellationToken);
        return await next(message, cancellationToken);
    }
}
