using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger.FiscalYears;
using CleanLedger.Application.Common.Validation;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Ledger.FiscalYears.CreateFiscalYear;

/// <summary>Opens a fiscal year: whole months, 1 to 18 of them, overlapping no other year of the organisation.</summary>
public sealed record CreateFiscalYear(Guid OrgId, DateOnly Start, DateOnly End) : ICommand<FiscalYearDetails>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ManageFiscalYears;
}

public sealed record FiscalYearDetails(Guid Id, DateOnly Start, DateOnly End, bool IsClosed)
{
    public static FiscalYearDetails From(FiscalYear year) => new(year.Id, year.Start, year.End, year.IsClosed);
}

public sealed class CreateFiscalYearValidator : AbstractValidator<CreateFiscalYear>
{
    public CreateFiscalYearValidator()
    {
        RuleFor(c => c.Start).NotEmpty().WithinBookkeepingDates();
        RuleFor(c => c.End).NotEmpty().WithinBookkeepingDates().GreaterThan(c => c.Start);
    }
}

public sealed class CreateFiscalYearHandler(IFiscalYearStore fiscalYears, IAuditTrail audit, TimeProvider clock)
    : ICommandHandler<CreateFiscalYear, FiscalYearDetails>
{
    public async ValueTask<FiscalYearDetails> Handle(CreateFiscalYear command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var year = new FiscalYear(Guid.CreateVersion7(now), command.Start, command.End);
        var existing = await fiscalYears.ListAsync(command.OrgId, cancellationToken);
        if (existing.FirstOrDefault(year.Overlaps) is { } overlapping)
            throw new DomainException("fiscal_year.overlap", $"The fiscal year {overlapping.Start:yyyy-MM-dd}–{overlapping.End:yyyy-MM-dd} overlaps it.");

        await fiscalYears.InsertAsync(command.OrgId, year, now, cancellationToken);
        await audit.RecordAsync(command.OrgId, "fiscal_year.created", $"fiscal_year/{year.Id}", new { year.Start, year.End }, cancellationToken);
        return FiscalYearDetails.From(year);
    }
}
