using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Common.Behaviors;

/// <summary>
/// Runs the message's validators one after another (never concurrently: they may share the
/// scope's connection) and throws one <see cref="ValidationException"/> with every failure.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        List<FluentValidation.Results.ValidationFailure>? failures = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (!result.IsValid)
                (failures ??= []).AddRange(result.Errors);
        }

        if (failures is not null)
            throw new ValidationException(failures);

        return await next(message, cancellationToken);
    }
}
