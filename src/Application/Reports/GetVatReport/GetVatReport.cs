using System.Globalization;
using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Organizations;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Ledger.Vat;
using CleanLedger.Application.Common.Validation;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Reports.GetVatReport;

/// <summary>The VAT return's boxes for a period, from the posted verifications, in whole kronor.</summary>
public sealed record GetVatReport(Guid OrgId, string Period) : IQuery<VatReport>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ExportReports;
}

public sealed class GetVatReportValidator : AbstractValidator<GetVatReport>
{
    public GetVatReportValidator() => RuleFor(q => q.Period).VatReportPeriod();
}

public sealed record VatReport(string Period, DateOnly From, DateOnly To, string OrgNumber, IReadOnlyDictionary<string, string> Boxes);

/// <summary>Net movement (debit − credit, öre) per account over posted verifications dated in a range, summed wide (ADR 0016).</summary>
public interface IAccountTotals
{
    Task<IReadOnlyDictionary<int, Int128>> NetByAccountAsync(Guid orgId, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken);
}

public sealed class GetVatReportHandler(VatReportCalculator calculator) : IQueryHandler<GetVatReport, VatReport>
{
    public async ValueTask<VatReport> Handle(GetVatReport query, CancellationToken cancellationToken) =>
        await calculator.ComputeAsync(query.OrgId, query.Period, cancellationToken);
}

/// <summary>The boxes of a period as the organisation files it, from its posted verifications.</summary>
public sealed class VatReportCalculator(IOrganizationStore organizations, IAccountTotals totals)
{
    public async Task<VatReport> ComputeAsync(Guid orgId, string periodText, CancellationToken cancellationToken)
    {
        var organization = await organizations.FindAsync(orgId, cancellationToken) ?? throw new NotFoundException("Organisation", orgId);
        var period = VatReportPeriod.Parse(periodText, organization.VatPeriod);
        var boxes = VatBoxes.Compute(await totals.NetByAccountAsync(orgId, period.From, period.To, cancellationToken));
        return new VatReport(period.Name, period.From, period.To, organization.OrgNumber, boxes.ToDictionary(box => box.Key, box => box.Value.ToString(CultureInfo.InvariantCulture)));
    }
}
