using CleanLedger.Application.Receipts;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Receipts;

namespace CleanLedger.Infrastructure.Receipts.Extraction;

/// <summary>
/// Reads receipt fields from OCR text with rules alone (no network, no model). Every amount is checked
/// against the others (VAT = rate share of the gross per rate, the rates plus tip and rounding = the
/// total, the total repeated on the payment line and card slip) and a field's confidence says how much
/// of that checking it passed, scaled by how well the text itself was read.
/// </summary>
public sealed class HeuristicReceiptExtractor : IReceiptExtractor
{
    public const string SourceName = "heuristic";

    public Task<ReceiptExtraction> ExtractAsync(OcrResult text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Task.FromResult(Extract(text));
    }

    public static ReceiptExtraction Extract(OcrResult text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Text.Split('\n', '\f').Select(l => l.Trim()).ToList();
        // An exact text layer reads as printed; OCR text is discounted by Tesseract's own mean confidence.
        var reading = text.Source == TextSource.PdfTextLayer ? 1.0 : 0.85 + 0.15 * Math.Clamp(text.MeanConfidence / 100, 0, 1);
        var confidence = new Dictionary<string, double>();

        var tip = ReceiptTotals.Tip(lines);
        var rounding = ReceiptTotals.Rounding(lines);
        var vatRows = VatTable.Read(lines);
        var payment = ReceiptPaymentLines.Method(text.Text);
        var currency = ReceiptPaymentLines.Currency(text.Text);
        var cashInKronor = payment?.Method == PaymentMethod.Cash && currency.Code == "SEK";
        var candidates = ReceiptTotals.Candidates(lines);
        var total = TotalChooser.Choose(candidates.Count > 0 ? candidates : ReceiptTotals.Repeated(lines), vatRows, tip, rounding, ReceiptTotals.CashPaid(lines), cashInKronor);
        if (total is not null)
            confidence[ReceiptFields.Total] = total.Value.Confidence * reading;

        var printedAmounts = lines.SelectMany(ReceiptAmounts.Find).Select(a => a.Ore).ToHashSet();
        var vat = VatCompletion.Complete(vatRows, VatTable.RatesMentioned(lines), printedAmounts, total, (tip ?? 0) + (rounding ?? 0));
        if (vat.Rows.Count > 0)
            confidence[ReceiptFields.Vat] = vat.Confidence * reading;

        var date = ReceiptDates.Choose(lines, swedish: currency.Code == Money.Sek);
        if (date is not null)
            confidence[ReceiptFields.Date] = date.Value.Confidence * reading;

        var (orgNumber, vatNumber) = OrganisationNumbers(lines, confidence, reading);

        var vendor = ReceiptHeader.Vendor(lines);
        if (vendor is not null)
            confidence[ReceiptFields.Vendor] = vendor.Value.Confidence * reading;

        if (payment is not null)
            confidence[ReceiptFields.PaymentMethod] = payment.Value.Confidence * reading;

        confidence[ReceiptFields.Currency] = currency.Confidence;

        var receiptNumber = ReceiptPaymentLines.ReceiptNumber(lines);
        if (receiptNumber is not null)
            confidence[ReceiptFields.ReceiptNumber] = 0.7 * reading;

        return new ReceiptExtraction(
            vendor?.Name, orgNumber, vatNumber, date?.Date, total?.Ore, currency.Code, vat.Rows,
            payment?.Method, receiptNumber, tip, rounding, confidence, SourceName);
    }

    /// <summary>
    /// The organisation and VAT numbers, which must agree: the VAT number embeds the organisation
    /// number, so a Luhn-valid VAT number also supplies or overrules a repaired or unlabelled one.
    /// </summary>
    private static (string? OrgNumber, string? VatNumber) OrganisationNumbers(
        IReadOnlyList<string> lines, Dictionary<string, double> confidence, double reading)
    {
        var org = ReceiptParties.OrgNumber(lines);
        var vat = ReceiptParties.VatNumber(lines);
        if (org is { } o && vat is { } v)
        {
            if (o.Number == v.Number.OrgNumber)
            {
                org = (o.Number, Math.Max(o.Confidence, 0.98));
                vat = (v.Number, Math.Max(v.Confidence, 0.98));
            }
            else if (o.Confidence < v.Confidence)
            {
                org = (v.Number.OrgNumber, v.Confidence * 0.8);
            }
            else
            {
                // Two valid but different numbers: at least one is misread, and we cannot tell which.
                org = (o.Number, Math.Min(o.Confidence, 0.5));
                vat = (v.Number, Math.Min(v.Confidence, 0.5));
            }
        }
        else if (org is null && vat is { } onlyVat)
        {
            org = (onlyVat.Number.OrgNumber, onlyVat.Confidence * 0.9);
        }

        if (org is not null)
            confidence[ReceiptFields.OrgNumber] = org.Value.Confidence * reading;
        if (vat is not null)
            confidence[ReceiptFields.VatNumber] = vat.Value.Confidence * reading;
        return (org?.Number.ToString(), vat?.Number.ToString());
    }
}
