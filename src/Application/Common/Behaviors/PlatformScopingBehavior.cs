using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Common.Security;
using CleanLedger.Domain.Access;
using Mediator;

namespace CleanLedger.Application.Common.Behaviors;

/// <summary>Cross-organisation messages run only for a platform role that grants the permission the message declares.</summary>
public sealed class PlatformScopingBehavior<TMessage, TResponse>(ICurrentUser user, OrgContext orgContext)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IPlatformScoped, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (!user.IsAuthenticated)
            throw new UnauthenticatedException();
        if (user.PlatformRole?.Grants(TMessage.RequiredPermission) != true)
            throw new ForbiddenException($"This needs the platform permission {TMessage.RequiredPermission}.");

        orgContext.EnterPlatformScope();
        return next(message, cancellationToken);
    }
}
