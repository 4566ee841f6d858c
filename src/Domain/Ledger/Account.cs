namespace CleanLedger.Domain.Ledger;

/// <summary>
/// An account in an organisation's chart. <see cref="InputVatDeductible"/> is false for costs on
/// which the VAT act denies input VAT (non-deductible representation, private costs); the VAT
/// rule blocks a claim on them.
/// </summary>
public sealed record Account(
    AccountNumber Number,
    string Name,
    AccountType Type,
    VatCode DefaultVatCode,
    string? SruCode,
    bool InputVatDeductible = true,
    bool IsActive = true)
{
    /// <summary>2610–2649: output VAT (2610–2639) and input VAT (2640–2649) accounts.</summary>
    public bool IsVatAccount => Number.Value is >= 2610 and <= 2649;

    public bool IsInputVatAccount => Number.Value is >= 2640 and <= 2649;
}
