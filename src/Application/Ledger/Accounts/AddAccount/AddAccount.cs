using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger;
using CleanLedger.Application.Common.Validation;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Ledger.Accounts.AddAccount;

/// <summary>Adds an account to the organisation's chart. Accounts are never deleted, only deactivated.</summary>
public sealed record AddAccount(Guid OrgId, string Number, string Name, AccountType Type, VatCode DefaultVatCode, string? SruCode)
    : ICommand<AccountDetails>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ManageChartOfAccounts;
}

public sealed class AddAccountValidator : AbstractValidator<AddAccount>
{
    public AddAccountValidator()
    {
        RuleFor(c => c.Number).Must(number => AccountNumber.TryParse(number, out _)).WithMessage("'{PropertyValue}' is not a BAS account (1000–8999).");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100).PlainText();
        RuleFor(c => c.Type).IsInEnum();
        RuleFor(c => c.DefaultVatCode).IsInEnum();
        RuleFor(c => c.SruCode).Matches("^[0-9]{4,5}$").When(c => c.SruCode is not null);
    }
}

public sealed class AddAccountHandler(IChartOfAccounts chart, IAuditTrail audit, TimeProvider clock) : ICommandHandler<AddAccount, AccountDetails>
{
    public async ValueTask<AccountDetails> Handle(AddAccount command, CancellationToken cancellationToken)
    {
        var number = AccountNumber.Parse(command.Number);
        var existing = await chart.ListAsync(command.OrgId, cancellationToken);
        if (existing.Any(account => account.Number == number))
            throw new DomainException("account.exists", $"Account {number} is already in the chart.");

        var account = new Account(number, command.Name.Trim(), command.Type, command.DefaultVatCode, command.SruCode);
        await chart.AddAsync(command.OrgId, [account], clock.GetUtcNow(), cancellationToken);
        await audit.RecordAsync(command.OrgId, "account.added", $"account/{number}", new { account.Name }, cancellationToken);
        return AccountDetails.From(account);
    }
}
