using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Ledger;
using CleanLedger.Application.Organizations;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Ledger.FiscalYears;
using CleanLedger.Domain.Ledger;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Sie.ExportSie;

/// <summary>
/// The fiscal year starting in <see cref="Year"/> as a SIE 4E file: identification, chart,
/// opening and closing balances, results and every verification. The file is written straight
/// to the caller's stream, so memory stays flat however many verifications there are.
/// </summary>
public sealed record ExportSie(Guid OrgId, int Year) : IQuery<SieExport>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ExportReports;
}

public sealed class ExportSieValidator : AbstractValidator<ExportSie>
{
    public ExportSieValidator() =>
        RuleFor(q => q.Year).InclusiveBetween(BookkeepingDates.Earliest.Year, BookkeepingDates.Latest.Year);
}

public sealed record SieExport(string FileName, Func<Stream, CancellationToken, Task> WriteAsync);

/// <summary>Writes an organisation's fiscal year as SIE 4E (Infrastructure implements the format).</summary>
public interface ISieExporter
{
    Task WriteAsync(OrganizationDetails organization, FiscalYear year, FiscalYear? previous, Stream output, CancellationToken cancellationToken);
}

public sealed class ExportSieHandler(IOrganizationStore organizations, IFiscalYearStore fiscalYears, ISieExporter exporter)
    : IQueryHandler<ExportSie, SieExport>
{
    public async ValueTask<SieExport> Handle(ExportSie query, CancellationToken cancellationToken)
    {
        var organization = await organizations.FindAsync(query.OrgId, cancellationToken) ?? throw new NotFoundException("Organisation", query.OrgId);
        var years = await fiscalYears.ListAsync(query.OrgId, cancellationToken);
        var year = years.FirstOrDefault(candidate => candidate.Start.Year == query.Year) ?? throw new NotFoundException("Fiscal year", query.Year);
        var previous = years.LastOrDefault(candidate => candidate.End < year.Start);
        var fileName = $"{organization.OrgNumber.Replace("-", "", StringComparison.Ordinal)}_{query.Year}.se";
        return new SieExport(fileName, (output, token) => exporter.WriteAsync(organization, year, previous, output, token));
    }
}
