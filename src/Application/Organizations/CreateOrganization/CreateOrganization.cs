using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Common.Security;
using CleanLedger.Domain.Organizations;
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
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.OrgNumber)
            .Must(text => Domain.Organizations.OrgNumber.TryParse(text, out _))
            .WithMessage("'{PropertyValue}' is not a Swedish organisation number (NNNNNN-NNNN with a valid check digit).");
        RuleFor(c => c.VatPeriod).IsInEnum();
        RuleFor(c => c.FiscalYearStart)
            .Must(text => Domain.Organizations.FiscalYearStart.TryParse(text, out _))
            .WithMessage("A fiscal year starts on the first of a month: write MM-01.");
    }
}

public sealed class CreateOrganizationHandler(
    ICurrentUser user,
    OrgContext orgContext,
    IUserDirectory users,
    IOrganizationStore organizations,
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
        return organization;
    }
}
