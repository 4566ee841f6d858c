using CleanLedger.Application.Common;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Ledger;
using CleanLedger.Application.Common.Security;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.FiscalYears;
using CleanLedger.Domain.Organizations;
using CleanLedger.Application.Common.Validation;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Organizations.CreateOrganization;

/// <summary>Creates an organisation; the caller becomes its owner.</summary>
public sealed record CreateOrganization(string Name, string OrgNumber, VatPeriod VatPeriod, string FiscalYearStart)
    : ICommand<OrganizationDetails>, IUserScoped;

public sealed class CreateOrganizationValidator : AbstractValidator<CreateOrganization>
{
    public CreateOrganizationValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200).PlainText();
        RuleFor(c => c.OrgNumber)
            .Must(text => Domain.Organizations.OrgNumber.TryParse(text, out _))
            .WithMessage("'{PropertyValue}' is not a Swedish organisation number (NNNNNN-NNNN with a valid check digit).");
        RuleFor(c => c.VatPeriod).IsInEnum();
        RuleFor(c => c.FiscalYearStart)
            .Must(text => Domain.Organizations.FiscalYearStart.TryParse(text, out _))
            .WithMessage("A fiscal year starts on the first of a month: write MM-01.");
    }
}

/// <summary>The new organisation gets the BAS chart and the fiscal year containing today.</summary>
public sealed class CreateOrganizationHandler(
    ICurrentUser user,
    OrgContext orgContext,
    IUserDirectory users,
    IOrganizationStore organizations,
    IChartOfAccounts chart,
    IFiscalYearStore fiscalYears,
    IAuditTrail audit,
    TimeProvider clock) : ICommandHandler<CreateOrganization, OrganizationDetails>
{
    public async ValueTask<OrganizationDetails> Handle(CreateOrganization command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var organization = new OrganizationDetails(
            Guid.CreateVersion7(now),
            command.Name.Trim(),
            OrgNumber.Parse(command.OrgNumber).ToString(),
            command.VatPeriod,
            FiscalYearStart.Parse(command.FiscalYearStart).ToString(),
            now);

        orgContext.Enter(organization.Id);
        await users.EnsureAsync(user.UserId, user.DisplayName, now, cancellationToken);
        await organizations.CreateAsync(organization, user.UserId, cancellationToken);
        await chart.AddAsync(organization.Id, BasChart.SmallBusinessAccounts, now, cancellationToken);
        var fiscalYear = FiscalYear.Containing(clock.Today(), FiscalYearStart.Parse(command.FiscalYearStart).Month, Guid.CreateVersion7(now));
        await fiscalYears.InsertAsync(organization.Id, fiscalYear, now, cancellationToken);
        await audit.RecordAsync(organization.Id, "organization.created", $"organization/{organization.Id}", new { organization.Name, organization.OrgNumber }, cancellationToken);
        return organization;
    }
}
