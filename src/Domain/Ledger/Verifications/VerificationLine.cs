namespace CleanLedger.Domain.Ledger.Verifications;

/// <summary>One row of a verification: an account debited or credited in öre, with the VAT it carries.</summary>
public sealed record VerificationLine(AccountNumber Account, long Debit, long Credit, VatCode? VatCode = null)
{
    /// <summary>Debit minus credit.</summary>
    public long Net => Debit - Credit;
}
