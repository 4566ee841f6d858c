using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Ledger;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Ledger.Accounts.DeactivateAccount;

/// <summary>Takes an account out of use for new postings; its history stays.</summary>
public sealed record DeactivateAccount(Guid OrgId, string Number) : ICommand<Unit>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ManageChartOfAccounts;
}

public sealed class DeactivateAccountValidator : AbstractValidator<DeactivateAccount>
{
    public DeactivateAccountValidator() =>
        RuleFor(c => c.Number).Must(number => AccountNumber.TryParse(number, out _)).WithMessage("'{PropertyValue}' is not a BAS account (1000–8999).");
}

public sealed class DeactivateAccountHandler(IChartOfAccounts chart, IAuditTrail audit) : ICommandHandler<DeactivateAccount, Unit>
{
    public async ValueTask<Unit> Handle(DeactivateAccount command, CancellationToken cancellationToken)
    {
        var number = AccountNumber.Parse(command.Number);
        if (!await chart.SetActiveAsync(command.OrgId, number, active: false, cancellationToken))
            throw new NotFoundException("Account", number);
        await audit.RecordAsync(command.OrgId, "account.deactivated", $"account/{number}", new { }, cancellationToken);
        return Unit.Value;
    }
}
