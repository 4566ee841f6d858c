using CleanLedger.Application.Common.Persistence;
using Mediator;

namespace CleanLedger.Application.Common.Behaviors;

/// <summary>
/// A command runs in one write transaction, begun once its scope and permission were checked (a
/// refused caller never takes the write lock; the read the check made is ended first) and
/// committed when the handler returns. An exception leaves it uncommitted and disposing the scope
/// rolls it back: a failed command changes nothing.
/// </summary>
public sealed class UnitOfWorkBehavior<TMessage, TResponse>(IUnitOfWork unitOfWork) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        await unitOfWork.BeginAsync(cancellationToken);
        var response = await next(message, cancellationToken);
        await unitOfWork.CommitAsync(cancellationToken);
        return response;
    }
}
