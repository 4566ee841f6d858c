namespace CleanLedger.Domain.Receipts;

/// <summary>The stable codes of <see cref="ReviewReason"/>: every reason the pipeline can give for sending a receipt to a person.</summary>
public static class ReviewReasonCodes
{
    public const string CurrencyForeign = "currency.foreign";
    public const string DateMissing = "date.missing";
    public const string TotalMissing = "total.missing";
    public const string PaymentUnknown = "payment.unknown";
    public const string VatMissing = "vat.missing";
    public const string VatAssumed = "vat.assumed";
    public const string AmountsInconsistent = "amounts.inconsistent";
    public const string CategoryUnknown = "category.unknown";
    public const string RepresentationNeedsGuests = "category.representation_needs_guests";
    public const string TotalLowConfidence = "total.low_confidence";
    public const string DateLowConfidence = "date.low_confidence";
    public const string VatLowConfidence = "vat.low_confidence";
    public const string PaymentMethodLowConfidence = "paymentMethod.low_confidence";
    public const string VendorLowConfidence = "vendor.low_confidence";

    /// <summary>The prefix of a compliance rule that stops an autopost: <c>compliance.</c> and the rule's code.</summary>
    public const string CompliancePrefix = "compliance.";

    public static string LowConfidenceOf(string field) => field switch
    {
        ReceiptFields.Total => TotalLowConfidence,
        ReceiptFields.Date => DateLowConfidence,
        ReceiptFields.Vat => VatLowConfidence,
        ReceiptFields.PaymentMethod => PaymentMethodLowConfidence,
        ReceiptFields.Vendor => VendorLowConfidence,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "No confidence threshold applies to this field."),
    };

    public static string Compliance(string ruleCode) => CompliancePrefix + ruleCode;
}

/// <summary>What a business owner checks for a review reason, in Swedish and English.</summary>
public sealed record ReviewReasonText(string Swedish, string English);

/// <summary>
/// The instruction for each review reason: short, imperative, about the receipt in hand, so that the
/// person reviewing knows what to look at without reading the pipeline's explanation.
/// </summary>
public static class ReviewReasonTexts
{
    /// <summary>For a code stored before its text existed: the general instruction.</summary>
    public static readonly ReviewReasonText General = new(
        "Granska kvittot och den föreslagna verifikationen", "Review the receipt and the proposed verification");

    public static IReadOnlyDictionary<string, ReviewReasonText> All { get; } = new Dictionary<string, ReviewReasonText>(StringComparer.Ordinal)
    {
        [ReviewReasonCodes.CurrencyForeign] = new("Räkna om beloppet till kronor med dagens kurs och ange det", "Convert the amount to SEK at the day's rate and enter it"),
        [ReviewReasonCodes.DateMissing] = new("Ange köpdatumet från kvittot", "Enter the purchase date from the receipt"),
        [ReviewReasonCodes.TotalMissing] = new("Ange totalbeloppet från kvittot", "Enter the total from the receipt"),
        [ReviewReasonCodes.PaymentUnknown] = new("Ange hur kvittot betalades: företagskonto, kontant eller privat", "State how the receipt was paid: company account, cash or privately"),
        [ReviewReasonCodes.VatMissing] = new("Ange momsen per momssats från kvittot", "Enter the VAT per rate from the receipt"),
        [ReviewReasonCodes.VatAssumed] = new("Kontrollera momssatsen mot kvittot", "Check the VAT rate against the receipt"),
        [ReviewReasonCodes.AmountsInconsistent] = new("Kontrollera totalbeloppet och momsen mot kvittot; de går inte ihop", "Check the total and the VAT against the receipt; they do not add up"),
        [ReviewReasonCodes.CategoryUnknown] = new("Välj kostnadskonto för köpet", "Choose the cost account for the purchase"),
        [ReviewReasonCodes.RepresentationNeedsGuests] = new("Ange gästerna och syftet med representationen", "Add the guests and the purpose of the entertainment"),
        [ReviewReasonCodes.TotalLowConfidence] = new("Kontrollera totalbeloppet mot kvittot", "Check the total against the receipt"),
        [ReviewReasonCodes.DateLowConfidence] = new("Kontrollera datumet mot kvittot", "Check the date against the receipt"),
        [ReviewReasonCodes.VatLowConfidence] = new("Kontrollera momsen mot kvittot", "Check the VAT against the receipt"),
        [ReviewReasonCodes.PaymentMethodLowConfidence] = new("Kontrollera betalsättet mot kvittot", "Check the payment method against the receipt"),
        [ReviewReasonCodes.VendorLowConfidence] = new("Kontrollera säljarens namn mot kvittot", "Check the seller's name against the receipt"),
        [ReviewReasonCodes.Compliance("R-001")] = new("Komplettera det som saknas: datum, text, belopp och underlag", "Fill in what is missing: date, text, amounts and document"),
        [ReviewReasonCodes.Compliance("R-011")] = new("Se till att debet och kredit är lika stora", "Make the debits equal the credits"),
        [ReviewReasonCodes.Compliance("R-021")] = new("Kontrollera datumet; det ligger inte i ett öppet räkenskapsår", "Check the date; it is not in an open fiscal year"),
        [ReviewReasonCodes.Compliance("R-031")] = new("Välj konton som finns i kontoplanen", "Choose accounts that are in the chart of accounts"),
        [ReviewReasonCodes.Compliance("R-051")] = new("Kontrollera att beloppen stämmer med kvittots totalbelopp", "Check that the amounts match the receipt's total"),
        [ReviewReasonCodes.Compliance("VAT")] = new("Kontrollera momssatsen och momsbeloppet mot kvittot", "Check the VAT rate and amount against the receipt"),
        [ReviewReasonCodes.Compliance("PERIOD")] = new("Kontrollera datumet; perioden är stängd", "Check the date; the period is closed"),
        [ReviewReasonCodes.Compliance("DUP")] = new("Kontrollera att köpet inte redan är bokfört", "Check that the purchase is not already booked"),
    };

    /// <summary>The instruction for <paramref name="code"/>, or <see cref="General"/> for a code without one.</summary>
    public static ReviewReasonText For(string code) => All.GetValueOrDefault(code, General);
}
