using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.Verifications;

namespace CleanLedger.Domain.Receipts;

/// <summary>
/// What an organisation's approvals taught it about one vendor: the cost account it books the vendor
/// on, the VAT rates the vendor's receipts carry, the account it pays the vendor from, the vendor's
/// organisation number, and the range of its totals. Learned only from receipts a person approved,
/// and only within one organisation.
/// </summary>
/// <param name="Account">The cost account the vendor is booked on.</param>
/// <param name="VatRates">Every VAT rate (whole percent) its approved receipts carried.</param>
/// <param name="CreditAccount">The account the last approved receipt was paid from (1930, 1910, 2893, 2440, …).</param>
/// <param name="OrgNumber">The organisation number the last approved receipt showed, in its ten digits.</param>
/// <param name="SmallestTotalOre">The smallest total approved.</param>
/// <param name="LargestTotalOre">The largest total approved.</param>
/// <param name="Receipts">How many approved receipts taught it.</param>
public sealed record VendorHistory(int Account, IReadOnlyList<int> VatRates, int? CreditAccount, string? OrgNumber, long SmallestTotalOre, long LargestTotalOre, int Receipts = 1)
{
    /// <summary>Approved receipts with one and the same VAT rate before that rate is taken for a receipt whose VAT table was not read: one receipt is not a pattern.</summary>
    public const int ReceiptsForVatPattern = 2;

    /// <summary>
    /// How far a total may lie outside the vendor's range and still be plausible: a third of its
    /// smallest receipt to three times its largest (a week's shopping against a day's).
    /// </summary>
    public const long PlausibleSpread = 3;

    /// <summary>What one approved receipt teaches: its cost account, its VAT rates, its paying account, its organisation number and its total.</summary>
    public static VendorHistory Learned(ReceiptExtraction approved, VerificationDraft posted, int account)
    {
        ArgumentNullException.ThrowIfNull(approved);
        ArgumentNullException.ThrowIfNull(posted);
        var rates = posted.Lines.Where(line => line.Debit > 0 && line.VatCode is { } code && code.BasisPoints() > 0)
            .Select(line => line.VatCode!.Value.BasisPoints() / 100).Distinct().Order().ToList();
        var paidFrom = posted.Lines.Where(line => line.Credit > 0 && line.Account.Value != ReceiptProposer.RoundingAccount).MaxBy(line => line.Credit);
        var total = paidFrom?.Credit ?? approved.TotalOre ?? 0;
        var orgNumber = Organizations.OrgNumber.TryParse(approved.OrgNumber, out var number) ? number.Digits : null;
        return new VendorHistory(account, rates, paidFrom?.Account.Value, orgNumber, total, total);
    }

    /// <summary>
    /// This history followed by a later approval: the later one's account, paying account and
    /// organisation number win (a correction overrides older feedback); the rates seen and the range
    /// of totals grow.
    /// </summary>
    public VendorHistory Then(VendorHistory later)
    {
        ArgumentNullException.ThrowIfNull(later);
        return later with
        {
            VatRates = VatRates.Union(later.VatRates).Order().ToList(),
            SmallestTotalOre = Math.Min(SmallestTotalOre, later.SmallestTotalOre),
            LargestTotalOre = Math.Max(LargestTotalOre, later.LargestTotalOre),
            Receipts = Receipts + later.Receipts,
        };
    }

    /// <summary>The one VAT rate every approved receipt of the vendor carried, once enough of them did.</summary>
    public int? SingleVatRate => VatRates is [var rate] && Receipts >= ReceiptsForVatPattern ? rate : null;

    /// <summary>Where a new reading agrees with this history.</summary>
    public VendorAgreement AgreementWith(ReceiptExtraction receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var sameOrgNumber = OrgNumber is not null && Organizations.OrgNumber.TryParse(receipt.OrgNumber, out var number) && number.Digits == OrgNumber;
        var sameVatRates = receipt.Vat.Count > 0 && receipt.Vat.All(rate => VatRates.Contains(rate.Rate));
        var plausibleAmount = receipt.TotalOre is { } total && total * PlausibleSpread >= SmallestTotalOre && total <= LargestTotalOre * PlausibleSpread;
        return new VendorAgreement(sameOrgNumber, sameVatRates, plausibleAmount);
    }
}

/// <summary>
/// Which of a vendor's habits a new receipt shows. Each agreement is evidence that the receipt was
/// read coherently, and raises the odds that the amounts it bears on were read right.
/// </summary>
public sealed record VendorAgreement(bool SameOrgNumber, bool SameVatRates, bool PlausibleAmount)
{
    /// <summary>A receipt of a vendor the organisation has never approved: nothing to agree with.</summary>
    public static readonly VendorAgreement None = new(false, false, false);

    /// <summary>
    /// How much each agreement multiplies the odds that a field it bears on is right. A misreading
    /// seldom lands on the vendor's own organisation number or VAT rates, but the two passes share
    /// most misreadings of one photo, so an agreement counts for less than an independent check
    /// would: the odds double.
    /// </summary>
    public const double OddsPerAgreement = 2;

    /// <summary>
    /// The probability of <paramref name="field"/> after the agreements that bear on it: the VAT table
    /// on the same organisation number and the same rates; the total on the same organisation number
    /// and a plausible amount. The date owes nothing to the vendor's habits and keeps its probability.
    /// </summary>
    public double Confirm(string field, double probability)
    {
        var agreements = field switch
        {
            ReceiptFields.Vat => Count(SameOrgNumber, SameVatRates),
            ReceiptFields.Total => Count(SameOrgNumber, SameVatRates && PlausibleAmount),
            _ => 0,
        };
        if (agreements == 0 || probability is <= 0 or >= 1)
            return probability;
        var odds = probability / (1 - probability) * Math.Pow(OddsPerAgreement, agreements);
        return odds / (1 + odds);
    }

    private static int Count(params bool[] agreements) => agreements.Count(agreed => agreed);
}
