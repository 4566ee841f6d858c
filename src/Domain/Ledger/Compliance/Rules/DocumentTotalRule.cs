using CleanLedger.Domain.Ledger.Verifications;

namespace CleanLedger.Domain.Ledger.Compliance.Rules;

/// <summary>
/// a verification built on a receipt books exactly the receipt's total: what was paid or is
/// owed, i.e. the credits outside the VAT accounts (under reverse charge the VAT the buyer
/// calculates is not part of the invoice's total).
/// </summary>
public sealed class DocumentTotalRule : ComplianceRule
{
    public static readonly RuleMessage TotalDiffers = new(
        "Verifikationens bruttobelopp stämmer inte med underlagets totalbelopp.",
        "The verification's gross amount differs from the document's total.");

    public static readonly RuleMessage TotalUnknown = new(
        "Underlagets totalbelopp är okänt och kan inte stämmas av.",
        "The document's total is unknown and cannot be reconciled.");

    public override string Code => "R-051";

    public override RuleSeverity Severity => RuleSeverity.Block;

    public override string LegalReference => "BFL 5 kap. 7 § p. 4 (belopp)";

    public override RuleMessage Passed { get; } = new(
        "Bruttobeloppet stämmer med underlaget (eller inget kvitto är kopplat).",
        "The gross amount matches the document (or no receipt is linked).");

    public const int RoundingAccount = 3740;

    public override RuleResult Evaluate(VerificationDraft draft, ComplianceContext context)
    {
        if (context.Documents.Count == 0 || draft.Reverses is not null)
            return Pass();

        long total = 0;
        for (var i = 0; i < context.Documents.Count; i++)
        {
            if (context.Documents[i].TotalOre is not { } documentTotal)
                return Warn(TotalUnknown);
            total += documentTotal;
        }

        return total == PaidOrOwed(draft, context) ? Pass() : Fail(TotalDiffers);
    }

    private static long PaidOrOwed(VerificationDraft draft, ComplianceContext context)
    {
        long amount = 0;
        for (var i = 0; i < draft.Lines.Count; i++)
        {
            var line = draft.Lines[i];
            // Cash rounding (öresavrundning, 3740) bridges the items and the amount paid; it is not part of either side's total.
            if (!(context.Accounts.TryGetValue(line.Account.Value, out var account) && account.IsVatAccount) && line.Account.Value != RoundingAccount)
                amount += line.Credit;
        }

        return amount;
    }
}
