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

    /// <summary>
    /// This reading with a date no later than <paramref name="latest"/>: a receipt is not dated after it
    /// was received. A later date has a misread year; when only its decade can be wrong (2025 read
    /// 2095 or 2085), it is taken in this year or the last, whichever ends in the same digit, at half
    /// its confidence (bookkeeping receipts are that recent); otherwise the date is dropped.
    /// </summary>
    public ReceiptExtraction WithDateNotAfter(DateOnly latest)
    {
        if (Date is not { } date || date <= latest)
            return this;

        var confidence = Confidence.Where(field => field.Key != ReceiptFields.Date).ToDictionary();
        foreach (var year in (int[])[latest.Year, latest.Year - 1])
        {
            if (year % 10 != date.Year % 10 || date.Day > DateTime.DaysInMonth(year, date.Month))
                continue;
            var redated = new DateOnly(year, date.Month, date.Day);
            if (redated > latest)
                continue;
            confidence[ReceiptFields.Date] = ConfidenceOf(ReceiptFields.Date) / 2;
            return this with { Date = redated, Confidence = confidence };
        }

        return this with { Date = null, Confidence = confidence };
    }
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
