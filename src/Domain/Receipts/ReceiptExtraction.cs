namespace CleanLedger.Domain.Receipts;

/// <summary>How a receipt was paid; decides the credit side of its verification.</summary>
public enum PaymentMethod
{
    Card,
    Swish,
    Cash,
    Invoice,
}

/// <summary>One row of a receipt's VAT table: the rate in whole percent (25, 12, 6), the VAT and the net, in öre.</summary>
public sealed record VatAmount(int Rate, long AmountOre, long NetOre)
{
    public long GrossOre => NetOre + AmountOre;
}

/// <summary>
/// What was read off a receipt. Every field may be missing; <see cref="Confidence"/> holds 0..1 per
/// field name (<see cref="ReceiptFields"/>) for the fields that were found.
/// </summary>
public sealed record ReceiptExtraction(
    string? Vendor,
    string? OrgNumber,
    string? VatNumber,
    DateOnly? Date,
    long? TotalOre,
    string? Currency,
    IReadOnlyList<VatAmount> Vat,
    PaymentMethod? PaymentMethod,
    string? ReceiptNumber,
    long? TipOre,
    long? RoundingOre,
    IReadOnlyDictionary<string, double> Confidence,
    string Source)
{
    public double ConfidenceOf(string field) => Confidence.TryGetValue(field, out var value) ? value : 0;

    /// <summary>This reading without its date if that is after <paramref name="latest"/>: a receipt is not dated after it was received.</summary>
    public ReceiptExtraction WithoutDateAfter(DateOnly latest) => Date > latest
        ? this with { Date = null, Confidence = Confidence.Where(field => field.Key != ReceiptFields.Date).ToDictionary() }
        : this;
}

/// <summary>The field names used as keys of <see cref="ReceiptExtraction.Confidence"/> (the contract's camelCase names).</summary>
public static class ReceiptFields
{
    public const string Vendor = "vendor";
    public const string OrgNumber = "orgNumber";
    public const string VatNumber = "vatNumber";
    public const string Date = "date";
    public const string Total = "total";
    public const string Currency = "currency";
    public const string Vat = "vat";
    public const string PaymentMethod = "paymentMethod";
    public const string ReceiptNumber = "receiptNumber";
}
