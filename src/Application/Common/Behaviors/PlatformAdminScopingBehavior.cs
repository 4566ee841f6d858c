using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Common.Security;
using Mediator;

namespace CleanLedger.Application.Common.Behaviors;

/// <summary>Only the platform admin role may run cross-organisation back-office messages.</summary>
public sealed class PlatformAdminScopingBehavior<TMessage, TResponse>(ICurrentUser user, OrgContext orgContext)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IPlatformAdminScoped, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (!user.IsAuthenticated)
            throw new UnauthenticatedException();
        if (!user.IsPlatformAdmin)
            throw new ForbiddenException("Only platform administrators may do this.");

        orgContext.EnterPlatformScope();
        return next(message, cancellationToken);
    }
}
