using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger.Verifications;

namespace CleanLedger.Domain.Ledger.Compliance.Rules;

/// <summary>
/// VAT: the VAT booked equals the net bases × their rates, per side (input VAT 2640–2649, output
/// VAT on sales, output VAT on reverse charge and imports), within one öre per base line; no input
/// VAT on costs where the law denies it; warnings for a rate unusual for the account and for
/// representation above the 300 kr per person base.
/// </summary>
/// <remarks>
/// A line's base is its own VAT code, or — when the verification books VAT at all — its account's
/// default code; a non-deductible account's line counts only with an explicit code. A verification
/// with VAT lines but no bases (a VAT settlement) has nothing to check.
/// </remarks>
public sealed class VatRule : ComplianceRule
{
    /// <summary>Input VAT on food and drink at representation is deductible on at most 300 kr per person, excl. VAT.</summary>
    public const long RepresentationBaseCapOre = 300_00;

    public static readonly RuleMessage InputVatMismatch = new(
        "Den ingående momsen stämmer inte med underlaget gånger momssatsen.",
        "The input VAT does not equal the net base times the rate.");

    public static readonly RuleMessage OutputVatMismatch = new(
        "Den utgående momsen stämmer inte med försäljningen gånger momssatsen.",
        "The output VAT does not equal the sales times the rate.");

    public static readonly RuleMessage ReverseChargeMismatch = new(
        "Vid omvänd skattskyldighet och import ska utgående moms bokas med samma belopp som beräknas på underlaget.",
        "Under reverse charge and import, output VAT must be booked on the base at the rate.");

    public static readonly RuleMessage NotDeductible = new(
        "Ingående moms får inte dras av på detta konto (t.ex. ej avdragsgill representation eller privata kostnader).",
        "Input VAT may not be deducted on this account (e.g. non-deductible representation or private costs).");

    public static readonly RuleMessage UnusualRate = new(
        "Momssatsen är ovanlig för kontot; kontrollera att den gäller för varan eller tjänsten.",
        "The VAT rate is unusual for the account; check that it applies to the goods or service.");

    public static readonly RuleMessage RepresentationCap = new(
        "Underlaget för avdragsgill representation överstiger 300 kr; avdrag medges bara för 300 kr per person exkl. moms.",
        "The deductible representation base exceeds 300 kr; input VAT is deductible on at most 300 kr per person excl. VAT.");

    public override string Code => "VAT";

    public override RuleSeverity Severity => RuleSeverity.Block;

    public override string LegalReference => "Mervärdesskattelagen (2023:200)";

    public override RuleMessage Passed { get; } = new(
        "Momsen stämmer med underlagen och momssatserna.",
        "The VAT matches the bases and rates.");

    public override RuleResult Evaluate(VerificationDraft draft, ComplianceContext context)
    {
        var lines = draft.Lines;
        var booksVat = false;
        for (var i = 0; i < lines.Count && !booksVat; i++)
            booksVat = context.Accounts.TryGetValue(lines[i].Account.Value, out var account) && account.IsVatAccount;

        long input25 = 0, input12 = 0, input6 = 0, output25 = 0, output12 = 0, output6 = 0, reverseChargeBase = 0;
        long inputVat = 0, outputVat = 0, reverseChargeVat = 0;
        var baseLines = 0;
        bool unusualRate = false, overRepresentationCap = false;

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!context.Accounts.TryGetValue(line.Account.Value, out var account))
                continue;

            if (account.IsVatAccount)
            {
                if (account.IsInputVatAccount)
                    inputVat += line.Net;
                else if (account.Number.Value % 10 is >= 4 and <= 7)
                    reverseChargeVat -= line.Net;
                else
                    outputVat -= line.Net;
                continue;
            }

            if (!account.InputVatDeductible)
            {
                if (line.VatCode is { } explicitCode && explicitCode.BasisPoints() > 0)
                    return Fail(NotDeductible);
                continue;
            }

            var code = line.VatCode ?? (booksVat ? account.DefaultVatCode : VatCode.None);
            if (code.BasisPoints() == 0)
                continue;

            baseLines++;
            unusualRate |= code.IsDomesticRate() && account.DefaultVatCode.IsDomesticRate() && !IsUsualRate(code, account, draft.Date);
            overRepresentationCap |= account.Number.Value is 6071 or 7631 && line.Net > RepresentationBaseCapOre;
            if (code.IsReverseCharge())
            {
                reverseChargeBase += line.Net;
            }
            else if (account.Type == AccountType.Revenue)
            {
                Add(code, -line.Net, ref output25, ref output12, ref output6);
            }
            else
            {
                Add(code, line.Net, ref input25, ref input12, ref input6);
            }
        }

        if (baseLines == 0)
            return Pass();

        long tolerance = baseLines;
        var expectedReverseCharge = Money.ApplyRate(reverseChargeBase, 2500);
        var expectedInput = Vat(input25, input12, input6) + expectedReverseCharge;
        if (Math.Abs(inputVat - expectedInput) > tolerance)
            return Fail(InputVatMismatch);
        if (Math.Abs(outputVat - Vat(output25, output12, output6)) > tolerance)
            return Fail(OutputVatMismatch);
        if (Math.Abs(reverseChargeVat - expectedReverseCharge) > tolerance)
            return Fail(ReverseChargeMismatch);
        if (unusualRate)
            return Warn(UnusualRate);
        return overRepresentationCap ? Warn(RepresentationCap) : Pass();
    }

    // Accounts at 12 % hold food and drink (representation, board and lodging): while the temporary
    // cut lasts, food bought in a shop carries 6 %, so 6 % is as usual there as 12 % (restaurants).
    private static bool IsUsualRate(VatCode code, Account account, DateOnly date) =>
        code == account.DefaultVatCode || (account.DefaultVatCode == VatCode.Vat12 && code == VatRates.FoodRateOn(date));

    private static void Add(VatCode code, long amount, ref long at25, ref long at12, ref long at6)
    {
        switch (code)
        {
            case VatCode.Vat25: at25 += amount; break;
            case VatCode.Vat12: at12 += amount; break;
            case VatCode.Vat6: at6 += amount; break;
        }
    }

    private static long Vat(long at25, long at12, long at6) =>
        Money.ApplyRate(at25, 2500) + Money.ApplyRate(at12, 1200) + Money.ApplyRate(at6, 600);
}
