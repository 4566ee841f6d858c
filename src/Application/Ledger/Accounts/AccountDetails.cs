using CleanLedger.Domain.Ledger;

namespace CleanLedger.Application.Ledger.Accounts;

public sealed record AccountDetails(string Number, string Name, AccountType Type, VatCode DefaultVatCode, string? SruCode, bool InputVatDeductible, bool IsActive)
{
    public static AccountDetails From(Account account) =>
        new(account.Number.ToString(), account.Name, account.Type, account.DefaultVatCode, account.SruCode, account.InputVatDeductible, account.IsActive);
}
