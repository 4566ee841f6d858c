using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Common.Security;
using Mediator;

namespace CleanLedger.Application.Common.Behaviors;

/// <summary>A user-scoped message needs a signed-in caller and nothing more.</summary>
public sealed class UserScopingBehavior<TMessage, TResponse>(ICurrentUser user) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IUserScoped, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        user.IsAuthenticated ? next(message, cancellationToken) : throw new UnauthenticatedException();
}
