using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Common.Security;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Ledger.FiscalYears;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Ledger.Periods.LockPeriod;

/// <summary>Locks a month once its work is closed: nothing more is posted into it (the PERIOD rule).</summary>
public sealed record LockPeriod(Guid OrgId, string Period) : ICommand<PeriodLocked>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.LockPeriods;
}

public sealed record PeriodLocked(string Period, DateTimeOffset LockedAt);

public sealed class LockPeriodValidator : AbstractValidator<LockPeriod>
{
    public LockPeriodValidator() =>
        RuleFor(c => c.Period).Must(text => PeriodId.TryParse(text, out _)).WithMessage("'{PropertyValue}' is not a period (yyyy-MM).");
}

public sealed class LockPeriodHandler(IPeriodStore periods, IAuditTrail audit, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<LockPeriod, PeriodLocked>
{
    public async ValueTask<PeriodLocked> Handle(LockPeriod command, CancellationToken cancellationToken)
    {
        var period = PeriodId.Parse(command.Period);
        var now = clock.GetUtcNow();
        await periods.LockAsync(command.OrgId, period, user.UserId, now, cancellationToken);
        await audit.RecordAsync(command.OrgId, "period.locked", $"period/{period}", new { Period = period.ToString() }, cancellationToken);
        return new PeriodLocked(period.ToString(), now);
    }
}
