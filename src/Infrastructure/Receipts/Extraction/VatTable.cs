using System.Text.RegularExpressions;

namespace CleanLedger.Infrastructure.Receipts.Extraction;

/// <summary>
/// One rate of a receipt's VAT block as printed. <see cref="GrossOre"/> is null when only the VAT was
/// printed ("Varav moms 12% 21,23"); <see cref="Checked"/> tells that VAT and gross obey the rate.
/// </summary>
public sealed record VatRow(int Rate, long VatOre, long? GrossOre, bool Checked);

/// <summary>
/// Reads the VAT block whatever its layout (full tables "Moms% Moms Netto Brutto", "Moms % Underlag
/// Moms", stacked "Moms 25%" / "Netto" lines, "Varav moms 12%" lines) by letting the arithmetic say
/// which printed amount is the VAT, the net and the gross: VAT = round_half_up(gross × rate / (100 + rate)).
/// </summary>
public static partial class VatTable
{
    private static readonly int[] SwedishRates = [25, 12, 6];

    /// <summary>round_half_up(gross × rate / (100 + rate)), the VAT contained in a gross amount.</summary>
    public static long VatOf(long grossOre, int rate)
    {
        var divisor = 100 + rate;
        var twice = (2 * Math.Abs(grossOre) * rate + divisor) / (2 * divisor);
        return Math.Sign(grossOre) * twice;
    }

    /// <summary>The rows of the VAT block, one per rate, highest rate first.</summary>
    public static IReadOnlyList<VatRow> Read(IReadOnlyList<string> lines)
    {
        var rows = new List<VatRow>();
        var lastVatKeyword = -100;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var hasKeyword = VatKeyword().IsMatch(line);
            if (hasKeyword)
                lastVatKeyword = i;
            if (!hasKeyword && i - lastVatKeyword > 5)
                continue;
            if (ReadRow(line, hasKeyword, NextLine(lines, i)) is { } row)
                rows.Add(row);
        }

        // A rate printed twice (a table and a "varav" line) keeps its best-checked reading.
        return rows.GroupBy(r => r.Rate)
            .Select(g => g.OrderByDescending(r => r.Checked).ThenByDescending(r => r.GrossOre.HasValue).First())
            .OrderByDescending(r => r.Rate)
            .ToList();
    }

    /// <summary>The rates named anywhere in VAT wording ("Priser inkl. moms 25%"), even without amounts.</summary>
    public static IReadOnlySet<int> RatesMentioned(IReadOnlyList<string> lines) =>
        lines.Where(l => VatKeyword().IsMatch(l))
            .SelectMany(l => RateToken().Matches(ReceiptAmounts.FixOcrDigits(l)))
            .Select(m => int.Parse(m.Groups["rate"].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();

    private static string? NextLine(IReadOnlyList<string> lines, int i) => i + 1 < lines.Count ? lines[i + 1] : null;

    private static VatRow? ReadRow(string line, bool hasKeyword, string? nextLine)
    {
        var text = ReceiptAmounts.FixOcrDigits(line);
        var amounts = ReceiptAmounts.Find(text).ToList();
        int rate;
        if (RateToken().Match(text) is { Success: true } token)
        {
            rate = int.Parse(token.Groups["rate"].Value, System.Globalization.CultureInfo.InvariantCulture);
            amounts.RemoveAll(a => a.Start < token.Index + token.Length && token.Index < a.End);
        }
        else if (amounts is [var first, _, ..] && SwedishRates.Any(r => first.Ore == r * 100) && (hasKeyword || amounts.Count >= 3))
        {
            // "25,00 4,39 17,56 21,95": a table row whose per cent sign OCR lost.
            rate = (int)(first.Ore / 100);
            amounts.RemoveAt(0);
        }
        else
        {
            return null;
        }

        var values = amounts.Select(a => a.Ore).Where(v => v > 0).ToList();
        if (Resolve(rate, values) is { } resolved)
            return resolved;

        // Stacked layout: "Moms 25% 59,00" then "Netto 236,00" (or "Brutto"/"Inkl." on the next line).
        if (hasKeyword && values.Count == 1 && nextLine is not null && !RateToken().IsMatch(nextLine)
            && ReceiptAmounts.Last(nextLine) is { } next && next > 0 && Resolve(rate, [values[0], next]) is { } stacked)
            return stacked;

        return hasKeyword && values.Count >= 1 ? new VatRow(rate, values[^1], null, false) : null;
    }

    /// <summary>
    /// Finds the VAT and the gross among a row's amounts: a pair where one is the VAT of the other (a
    /// gross) or of the other plus itself (a net). A third amount equal to the remaining one confirms.
    /// </summary>
    private static VatRow? Resolve(int rate, List<long> values)
    {
        VatRow? best = null;
        var bestConfirmed = false;
        foreach (var vat in values)
        {
            foreach (var other in values)
            {
                if (other <= vat)
                    continue;
                long? gross = VatOf(other, rate) == vat ? other
                    : VatOf(other + vat, rate) == vat ? other + vat
                    : null;
                if (gross is null)
                    continue;
                var net = gross.Value - vat;
                var confirmed = values.Contains(net) && values.Contains(gross.Value);
                if (best is null || (confirmed && !bestConfirmed))
                    (best, bestConfirmed) = (new VatRow(rate, vat, gross, true), confirmed);
            }
        }

        return best;
    }

    [GeneratedRegex(@"moms|vat\b|mva|mwst|ust\b|alv|gst|tax|tva|iva|\bskatt", RegexOptions.IgnoreCase)]
    private static partial Regex VatKeyword();

    // "25%", "25 %", "25,00%", "12.0 %", and "25,003" where OCR read the per cent sign as a 3.
    [GeneratedRegex(@"(?<![\d.,])(?<rate>25|12|6)(?:[.,]0{1,2})?\s?(?:%|procent|3(?=\s|$))")]
    private static partial Regex RateToken();
}
