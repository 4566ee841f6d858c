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
    /// is taken from <paramref name="second"/> only when it is surer there by more than 0.02; ties
    /// and near ties keep <paramref name="first"/>.
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
            var (chosen, other) = Surer(score(second), score(first)) ? (second, first) : (first, second);
            foreach (var field in fields)
            {
                if (chosen.Confidence.TryGetValue(field, out var value))
                    confidence[field] = Reconciled(value, chosen, other, field);
            }

            return chosen;
        }
    }

    /// <summary>
    /// The confidence of a field after the other reading had its say. Both passes read one photo, so
    /// they often share a misreading: agreement adds only half of what an independent confirmation
    /// would, and a different value casts doubt in proportion to the other reading's confidence
    /// (except the vendor's name, which two passes spell differently more often than not).
    /// </summary>
    private static double Reconciled(double chosen, ReceiptExtraction reading, ReceiptExtraction other, string field)
    {
        const double Shared = 0.5;
        if (!other.Confidence.TryGetValue(field, out var otherConfidence))
            return chosen;
        if (Equals(ValueOf(reading, field), ValueOf(other, field)))
            return chosen + ((1 - chosen) * otherConfidence * Shared);
        return field == ReceiptFields.Vendor ? chosen : chosen * (1 - (otherConfidence * Shared));
    }

    private static object? ValueOf(ReceiptExtraction reading, string field) => field switch
    {
        ReceiptFields.Total => reading.TotalOre,
        ReceiptFields.Vat => string.Join(';', reading.Vat),
        ReceiptFields.Date => reading.Date,
        ReceiptFields.OrgNumber => reading.OrgNumber,
        ReceiptFields.VatNumber => reading.VatNumber,
        ReceiptFields.Vendor => reading.Vendor,
        ReceiptFields.PaymentMethod => reading.PaymentMethod,
        ReceiptFields.Currency => reading.Currency,
        ReceiptFields.ReceiptNumber => reading.ReceiptNumber,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a receipt field."),
    };

    // The second reading must be surer by more than a hair (the passes' OCR confidences differ a
    // little anyway): on the first score, or, where that is a near tie, on the second.
    private static bool Surer((double First, double Then) second, (double First, double Then) first)
    {
        const double Hair = 0.02;
        return Math.Abs(second.First - first.First) > Hair ? second.First > first.First : second.Then > first.Then + Hair;
    }

    // The weaker of total and VAT table first (both are needed to post), then the stronger.
    private static (double, double) Amounts(ReceiptExtraction reading)
    {
        var (total, vat) = (reading.ConfidenceOf(ReceiptFields.Total), reading.ConfidenceOf(ReceiptFields.Vat));
        return (Math.Min(total, vat), Math.Max(total, vat));
    }

    private static (double, double) Parties(ReceiptExtraction reading) =>
        (reading.ConfidenceOf(ReceiptFields.OrgNumber), reading.ConfidenceOf(ReceiptFields.VatNumber));

    private static Func<ReceiptExtraction, (double, double)> Single(string field) => reading => (reading.ConfidenceOf(field), 0);
}
