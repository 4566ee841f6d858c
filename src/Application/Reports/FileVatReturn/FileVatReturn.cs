using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Ledger;
using CleanLedger.Application.Reports.GetVatReport;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Ledger.FiscalYears;
using CleanLedger.Application.Common.Validation;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Reports.FileVatReturn;

/// <summary>
/// Records that the period's VAT return was filed: from then on nothing is posted into its months
/// (the PERIOD rule); corrections go into a later period. Returns the figures that were filed.
/// </summary>
public sealed record FileVatReturn(Guid OrgId, string Period) : ICommand<VatReport>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.FileVatReturns;
}

public sealed class FileVatReturnValidator : AbstractValidator<FileVatReturn>
{
    public FileVatReturnValidator() => RuleFor(c => c.Period).VatReportPeriod();
}

public sealed class FileVatReturnHandler(VatReportCalculator calculator, IPeriodStore periods, IAuditTrail audit, TimeProvider clock)
    : ICommandHandler<FileVatReturn, VatReport>
{
    public async ValueTask<VatReport> Handle(FileVatReturn command, CancellationToken cancellationToken)
    {
        var report = await calculator.ComputeAsync(command.OrgId, command.Period, cancellationToken);
        var now = clock.GetUtcNow();
        for (var month = PeriodId.Of(report.From); month.FirstDay <= report.To; month = PeriodId.Of(month.FirstDay.AddMonths(1)))
            await periods.MarkVatFiledAsync(command.OrgId, month, now, cancellationToken);

        await audit.RecordAsync(command.OrgId, "vat_return.filed", $"vat_return/{report.Period}", report.Boxes, cancellationToken);
        return report;
    }
}
