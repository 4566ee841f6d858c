namespace CleanLedger.Domain.Receipts;

/// <summary>
/// Combines two readings of the same receipt (two OCR passes, each extracted): every group of
/// fields comes whole from the reading that is surer of it, so fields that were checked against
/// each other are never mixed from two texts.
/// </summary>
public static class ReceiptReadings
{
    /// <summary>
    /// The groups: total + VAT table + tip + rounding (their arithmetic is cross-checked), date,
    /// organisation number + VAT number, vendor, payment method, currency, receipt number. A group
    /// is taken from <paramref name="second"/> only when it is strictly surer there; ties keep
    /// <paramref name="first"/>.
    /// </summary>
    public static ReceiptExtraction Combine(ReceiptExtraction first, ReceiptExtraction second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);

        var confidence = new Dictionary<string, double>(StringComparer.Ordinal);
        var amounts = Pick(Amounts, ReceiptFields.Total, ReceiptFields.Vat);
        var date = Pick(Single(ReceiptFields.Date), ReceiptFields.Date);
        var parties = Pick(Parties, ReceiptFields.OrgNumber, ReceiptFields.VatNumber);
        var vendor = Pick(Single(ReceiptFields.Vendor), ReceiptFields.Vendor);
        var payment = Pick(Single(ReceiptFields.PaymentMethod), ReceiptFields.PaymentMethod);
        var currency = Pick(Single(ReceiptFields.Currency), ReceiptFields.Currency);
        var number = Pick(Single(ReceiptFields.ReceiptNumber), ReceiptFields.ReceiptNumber);

        return new ReceiptExtraction(
            vendor.Vendor, parties.OrgNumber, parties.VatNumber, date.Date, amounts.TotalOre, currency.Currency, amounts.Vat,
            payment.PaymentMethod, number.ReceiptNumber, amounts.TipOre, amounts.RoundingOre, confidence, first.Source);

        ReceiptExtraction Pick(Func<ReceiptExtraction, (double, double)> score, params string[] fields)
        {
            var chosen = score(second).CompareTo(score(first)) > 0 ? second : first;
            foreach (var field in fields)
            {
                if (chosen.Confidence.TryGetValue(field, out var value))
                    confidence[field] = value;
            }

            return chosen;
        }
    }

    // The weaker of total and VAT table first (both are needed to post), then their sum.
    private static (double, double) Amounts(ReceiptExtraction reading)
    {
        var (total, vat) = (reading.ConfidenceOf(ReceiptFields.Total), reading.ConfidenceOf(ReceiptFields.Vat));
        return (Math.Min(total, vat), total + vat);
    }

    private static (double, double) Parties(ReceiptExtraction reading) =>
        (reading.ConfidenceOf(ReceiptFields.OrgNumber), reading.ConfidenceOf(ReceiptFields.VatNumber));

    private static Func<ReceiptExtraction, (double, double)> Single(string field) => reading => (reading.ConfidenceOf(field), 0);
}
