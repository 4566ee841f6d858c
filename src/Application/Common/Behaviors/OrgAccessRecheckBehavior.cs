using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Common.Security;
using Mediator;

namespace CleanLedger.Application.Common.Behaviors;

/// <summary>
/// Checks an org-scoped command's permission once more inside its write transaction, so the
/// check and the write see the same data: a role taken away while the command waited for the
/// write lock (behind a long import, say) is not acted on. The first check (scoping, before the
/// lock) is what answers a refused caller at once.
/// </summary>
public sealed class OrgAccessRecheckBehavior<TMessage, TResponse>(OrgAccess access)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IOrgScoped, IBaseCommand, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        await access.DemandAsync(message.OrgId, TMessage.RequiredPermission, cancellationToken);
        return await next(message, cancellationToken);
    }
}
