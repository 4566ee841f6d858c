using CleanLedger.Application.Audit;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Staff.RecordJobAction;

/// <summary>
/// A member of staff is about to act on a background job from the jobs dashboard (re-run it,
/// trigger a recurring one, delete it): the platform chain records who and which job before the
/// dashboard does it, so no job is re-run without its audit row.
/// </summary>
/// <param name="Action">The dashboard's command: "requeue", "enqueue", "trigger", "delete", ….</param>
/// <param name="Job">The job's id in the dashboard (a recurring job's name for recurring commands).</param>
/// <param name="Description">What the job runs, as the dashboard names it, when it still exists.</param>
public sealed record RecordJobAction(string Action, string Job, string? Description) : ICommand<Unit>, IPlatformScoped
{
    public static PlatformPermissions RequiredPermission => PlatformPermissions.RerunJobs;
}

public sealed class RecordJobActionValidator : AbstractValidator<RecordJobAction>
{
    public const int MaxActionLength = 32;

    public const int MaxJobLength = 80;

    public const int MaxDescriptionLength = 500;

    public RecordJobActionValidator()
    {
        RuleFor(c => c.Action).NotEmpty().MaximumLength(MaxActionLength);
        RuleFor(c => c.Job).NotEmpty().MaximumLength(MaxJobLength);
        RuleFor(c => c.Description).MaximumLength(MaxDescriptionLength);
    }
}

public sealed class RecordJobActionHandler(IPlatformAudit audit) : ICommandHandler<RecordJobAction, Unit>
{
    public async ValueTask<Unit> Handle(RecordJobAction command, CancellationToken cancellationToken)
    {
        await audit.RecordAsync($"job.{command.Action}", $"job/{command.Job}", new { job = command.Description }, cancellationToken);
        return Unit.Value;
    }
}
