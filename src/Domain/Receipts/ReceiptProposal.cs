using System.Globalization;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.Verifications;
using CleanLedger.Domain.Receipts.Reading;

namespace CleanLedger.Domain.Receipts;

/// <summary>Why a receipt waits for a person: a stable code, the field it concerns (if any) and an explanation.</summary>
public sealed record ReviewReason(string Code, string? Field, string Message);

/// <summary>Where the proposed cost account came from.</summary>
public enum AccountSource
{
    /// <summary>The organisation booked this vendor on this account before (approved corrections teach it).</summary>
    VendorMemory,

    /// <summary>The category table recognised the purchase.</summary>
    Category,

    /// <summary>Nothing recognised it; a safe account for a person to confirm.</summary>
    Default,
}

/// <summary>A proposed verification for a receipt, or none when essentials are missing, with every reason it cannot post by itself.</summary>
public sealed record ReceiptProposal(
    VerificationDraft? Draft,
    string Category,
    int CostAccount,
    AccountSource AccountSource,
    IReadOnlyList<ReviewReason> Reasons);

/// <summary>How the receipt was paid, as far as the bookkeeping is concerned.</summary>
/// <param name="Method">As printed on the receipt, if found.</param>
/// <param name="PaidPrivately">The owner paid with private money: the company owes it back (2893, or 2018 in a sole trader's books).</param>
/// <param name="SoleTrader">The organisation is an enskild firma (its number is a personnummer).</param>
/// <param name="LearnedCreditAccount">The account the vendor's last approved receipt was paid from: taken when the receipt does not say how it was paid.</param>
public sealed record ReceiptPayment(PaymentMethod? Method, bool PaidPrivately, bool SoleTrader, int? LearnedCreditAccount = null)
{
    public int CreditAccount => PaidPrivately
        ? SoleTrader ? 2018 : 2893
        : Method switch
        {
            PaymentMethod.Cash => 1910,
            PaymentMethod.Invoice => 2440,
            null when LearnedCreditAccount is { } learned => learned,
            _ => 1930,
        };

    /// <summary>Neither the receipt nor the vendor's history says how it was paid.</summary>
    public bool Unknown => Method is null && !PaidPrivately && LearnedCreditAccount is null;
}

/// <summary>
/// Builds the verification a receipt stands for: the cost per VAT rate on the cost account with its
/// rate, input VAT per rate on 2641, a tip without VAT on the cost account, cash rounding
/// (öresavrundning) on 3740, and the amount paid credited to the payment's account.
/// </summary>
public static class ReceiptProposer
{
    public const int InputVatAccount = 2641;
    public const int RoundingAccount = 3740;

    /// <summary>Cash rounding is at most 50 öre; anything larger means the amounts were misread.</summary>
    public const long MaxRoundingOre = 50;

    /// <param name="documentId">The receipt's document, attached to the verification.</param>
    /// <param name="receipt">What was read off it.</param>
    /// <param name="text">Its text, for recognising the kind of purchase.</param>
    /// <param name="rememberedAccount">The cost account the organisation books the vendor on, if it learned one.</param>
    /// <param name="payment">How it was paid.</param>
    /// <param name="learnedVatRate">The one VAT rate the vendor's approved receipts carried: splits a receipt whose VAT table was not read.</param>
    public static ReceiptProposal Propose(
        Guid documentId, ReceiptExtraction receipt, string text, int? rememberedAccount, ReceiptPayment payment, int? learnedVatRate = null)
    {
        var reasons = new List<ReviewReason>();
        var category = ExpenseCategories.Recognise(receipt.Vendor, text);
        var (account, source) = rememberedAccount is { } remembered
            ? (remembered, AccountSource.VendorMemory)
            : category == ExpenseCategories.Unknown ? (category.Account, AccountSource.Default) : (category.Account, AccountSource.Category);
        if (source != AccountSource.VendorMemory && category.ReviewReason is { } categoryReason)
            reasons.Add(new ReviewReason(categoryReason, null, CategoryMessage(categoryReason)));

        if (receipt.Currency is { } currency && currency != Money.Sek)
            reasons.Add(new ReviewReason(ReviewReasonCodes.CurrencyForeign, ReceiptFields.Currency, $"The receipt is in {currency}; book it at the day's rate in SEK."));
        if (receipt.Date is not { } date)
            reasons.Add(new ReviewReason(ReviewReasonCodes.DateMissing, ReceiptFields.Date, "No purchase date was found."));
        if (receipt.TotalOre is not { } total || total <= 0)
            reasons.Add(new ReviewReason(ReviewReasonCodes.TotalMissing, ReceiptFields.Total, "No amount paid was found."));
        if (receipt.PaymentMethod is null && payment.Unknown)
            reasons.Add(new ReviewReason(ReviewReasonCodes.PaymentUnknown, ReceiptFields.PaymentMethod, "How the receipt was paid was not found; the company account is assumed."));
        if (reasons.Exists(reason => reason.Code is ReviewReasonCodes.CurrencyForeign or ReviewReasonCodes.DateMissing or ReviewReasonCodes.TotalMissing))
            return new ReceiptProposal(null, category.Code, account, source, reasons);

        var vat = receipt.Vat.Count > 0 ? receipt.Vat
            : learnedVatRate is { } learned ? [AtRate(receipt, learned)]
            : DerivedVat(receipt, category);
        if (vat.Count == 0)
            reasons.Add(new ReviewReason(ReviewReasonCodes.VatMissing, ReceiptFields.Vat, "No VAT table was found and the purchase has no single rate to derive it from."));
        else if (receipt.Vat.Count == 0 && learnedVatRate is null && category.RateIsAssumed)
            reasons.Add(new ReviewReason(ReviewReasonCodes.VatAssumed, ReceiptFields.Vat, $"No VAT table was found; {vat[0].Rate} % (the rate on food on the purchase date) is assumed for everything."));

        var lines = new List<VerificationLine>();
        foreach (var rate in vat)
        {
            if (rate.NetOre > 0)
                lines.Add(new VerificationLine(new AccountNumber(account), rate.NetOre, 0, VatRates.FromPercent(rate.Rate)));
            if (rate.AmountOre > 0)
                lines.Add(new VerificationLine(new AccountNumber(InputVatAccount), rate.AmountOre, 0));
        }

        var tip = receipt.TipOre ?? 0;
        var untaxed = vat.Count == 0 ? receipt.TotalOre!.Value - (receipt.RoundingOre ?? 0) : tip;
        if (untaxed > 0)
            lines.Add(new VerificationLine(new AccountNumber(account), untaxed, 0, VatCode.None));

        var rounding = receipt.TotalOre!.Value - lines.Sum(line => line.Debit);
        if (Math.Abs(rounding) > MaxRoundingOre)
        {
            reasons.Add(new ReviewReason(ReviewReasonCodes.AmountsInconsistent, ReceiptFields.Total,
                $"The VAT table and tip add up to {Money.FormatKronor(lines.Sum(line => line.Debit))}, not the total {Money.FormatKronor(receipt.TotalOre.Value)}."));
            return new ReceiptProposal(null, category.Code, account, source, reasons);
        }

        if (rounding != 0)
            lines.Add(new VerificationLine(new AccountNumber(RoundingAccount), Math.Max(rounding, 0), Math.Max(-rounding, 0)));
        lines.Add(new VerificationLine(new AccountNumber(payment.CreditAccount), 0, receipt.TotalOre.Value));

        var vendor = string.IsNullOrWhiteSpace(receipt.Vendor) ? null : receipt.Vendor.Trim();
        var description = vendor is null ? "Kvitto" : $"Kvitto {vendor}";
        var draft = new VerificationDraft(receipt.Date!.Value, Truncate(description, 200), vendor is null ? null : Truncate(vendor, 200),
            VerificationDraft.DefaultSeries, lines, [documentId]);
        return new ReceiptProposal(draft, category.Code, account, source, reasons);
    }

    // A receipt without a VAT table: only a purchase with one rate can be split (fuel 25 %, taxi 6 %,
    // food in a shop at the food rate of the purchase date when the category says food only).
    private static IReadOnlyList<VatAmount> DerivedVat(ReceiptExtraction receipt, ExpenseCategory category)
    {
        if (category.SingleRate is not { } rateOn)
            return [];
        return [AtRate(receipt, rateOn(receipt.Date!.Value).BasisPoints() / 100)];
    }

    // Everything but tip and rounding at one rate.
    private static VatAmount AtRate(ReceiptExtraction receipt, int percent)
    {
        var gross = receipt.TotalOre!.Value - (receipt.TipOre ?? 0) - (receipt.RoundingOre ?? 0);
        var amount = Money.VatInGross(gross, percent);
        return new VatAmount(percent, amount, gross - amount);
    }

    private static string CategoryMessage(string code) => code switch
    {
        ExpenseCategories.RepresentationNeedsGuests => "Representation: add the guests and the purpose (needed for the VAT deduction and the tax return).",
        _ => "The kind of purchase was not recognised; choose the cost account.",
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>
/// The confidence each field needs before a receipt may post without a person. Total, date and
/// VAT table are judged on their calibrated probability of being right (<see cref="Calibration"/>),
/// which must reach the probability derived from the target share of wrong autoposts; payment method
/// and vendor on their raw scores (0..1). The raw <see cref="Total"/>, <see cref="Date"/> and
/// <see cref="Vat"/> decide when a second reading is worth its time (<see cref="Doubts"/>).
/// </summary>
public sealed record ConfidenceThresholds(double Total = 0.9, double Date = 0.9, double Vat = 0.85, double PaymentMethod = 0.6, double Vendor = 0.5)
{
    public ConfidenceCalibration Calibration { get; init; } = ConfidenceCalibration.Fitted;

    /// <summary>
    /// Whether the amounts or the date are in doubt: total or date below their raw thresholds (or
    /// missing), or the VAT table missing or below its threshold. A second reading may settle them.
    /// </summary>
    public bool Doubts(ReceiptExtraction receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return receipt.ConfidenceOf(ReceiptFields.Total) < Total
            || receipt.ConfidenceOf(ReceiptFields.Date) < Date
            || receipt.Vat.Count == 0
            || receipt.ConfidenceOf(ReceiptFields.Vat) < Vat;
    }

    /// <summary>
    /// The probability that <paramref name="field"/> was read right: calibrated, then confirmed by
    /// where the receipt agrees with the vendor's history.
    /// </summary>
    public double ProbabilityOf(ReceiptExtraction receipt, string field, VendorAgreement agreement)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(agreement);
        return agreement.Confirm(field, Calibration.Probability(field, receipt.ConfidenceOf(field)));
    }

    /// <summary>
    /// The probability that a VAT derived from the total at one rate (no table read) is right: over
    /// the total's raw score, on the map of derived VAT.
    /// </summary>
    public double DerivedVatProbability(ReceiptExtraction receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return Calibration.Probability(ConfidenceCalibration.DerivedVat, receipt.ConfidenceOf(ReceiptFields.Total));
    }

    /// <summary>A reason for every needed field read with less confidence than it needs.</summary>
    /// <param name="receipt">What was read.</param>
    /// <param name="agreement">Where it agrees with the vendor's history.</param>
    /// <param name="vatDerived">The proposal derived the VAT from the total at one rate (the receipt has no VAT table).</param>
    public IReadOnlyList<ReviewReason> Check(ReceiptExtraction receipt, VendorAgreement? agreement = null, bool vatDerived = false)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var reasons = new List<ReviewReason>();
        RequireProbable(ReceiptFields.Total);
        RequireProbable(ReceiptFields.Date);
        if (receipt.Vat.Count > 0)
            RequireProbable(ReceiptFields.Vat);
        else if (vatDerived && DerivedVatProbability(receipt) is var derived && derived < Calibration.AutopostProbability)
        {
            reasons.Add(new ReviewReason(ReviewReasonCodes.VatLowConfidence, ReceiptFields.Vat, string.Create(CultureInfo.InvariantCulture,
                $"No VAT table was read; the VAT derived from the total at one rate is right with probability {derived:0.000}, below {Calibration.AutopostProbability:0.000}.")));
        }
        if (receipt.PaymentMethod is not null)
            Require(ReceiptFields.PaymentMethod, PaymentMethod);
        Require(ReceiptFields.Vendor, Vendor);
        return reasons;

        void RequireProbable(string field)
        {
            var probability = ProbabilityOf(receipt, field, agreement ?? VendorAgreement.None);
            if (probability < Calibration.AutopostProbability)
            {
                reasons.Add(new ReviewReason(ReviewReasonCodes.LowConfidenceOf(field), field, string.Create(CultureInfo.InvariantCulture,
                    $"The {field} was read with confidence {receipt.ConfidenceOf(field):0.00}: right with probability {probability:0.000}, below {Calibration.AutopostProbability:0.000}.")));
            }
        }

        void Require(string field, double threshold)
        {
            var confidence = receipt.ConfidenceOf(field);
            if (confidence < threshold)
                reasons.Add(new ReviewReason(ReviewReasonCodes.LowConfidenceOf(field), field, string.Create(CultureInfo.InvariantCulture, $"The {field} was read with confidence {confidence:0.00}, below {threshold:0.00}.")));
        }
    }
}
