using System.Globalization;
using System.Text.RegularExpressions;
using CleanLedger.Domain.Common;

namespace CleanLedger.Infrastructure.Receipts.Extraction;

/// <summary>
/// One rate of a receipt's VAT block. <see cref="GrossOre"/> is set only when it and the VAT obey the
/// rate; it is null when only the VAT could be read ("Varav moms 12% 21,23").
/// </summary>
public sealed record VatRow(int Rate, long VatOre, long? GrossOre);

/// <summary>
/// Reads the VAT block whatever its layout (full tables "Moms% Moms Netto Brutto", "Moms % Underlag
/// Moms", stacked "Moms 25%" / "Netto" lines, "Varav moms 12%" lines) by letting the arithmetic say
/// which printed amount is the VAT, the net and the gross: VAT = round_half_up(gross × rate / (100 + rate)).
/// </summary>
public static partial class VatTable
{
    /// <summary>The Swedish VAT rates, highest first.</summary>
    public static IReadOnlyList<int> SwedishRates { get; } = [25, 12, 6];

    /// <summary>The rows of the VAT block, one per rate, highest rate first.</summary>
    public static IReadOnlyList<VatRow> Read(IReadOnlyList<string> lines)
    {
        // The VAT block is where VAT is named, or where a row with a rate adds up; rows without a
        // legible rate are only read there.
        var block = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            var anchor = VatKeyword().IsMatch(lines[i]) ? (From: i, To: i + 5)
                : RateToken().IsMatch(lines[i]) && ReadRow(lines[i], false, null) is { GrossOre: not null } ? (From: i - 3, To: i + 3)
                : (From: 0, To: -1);
            for (var j = Math.Max(anchor.From, 0); j <= Math.Min(anchor.To, lines.Count - 1); j++)
                block[j] = true;
        }

        var rows = new List<VatRow>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (block[i] && ReadRow(lines[i], VatKeyword().IsMatch(lines[i]), NextLine(lines, i)) is { } row)
                rows.Add(row);
        }

        // Item code letters summed per letter give a VAT-only row its gross when exactly one letter's sum has that VAT.
        var codeTotals = CodeTotals(lines);
        rows = rows.Select(r => r.GrossOre is null && codeTotals.Values.Where(g => Money.VatInGross(g, r.Rate) == r.VatOre).ToList() is [var gross]
            ? r with { GrossOre = gross }
            : r).ToList();

        // A rate printed twice (a table and a "varav" line) keeps a reading with its gross.
        return rows.GroupBy(r => r.Rate)
            .Select(g => g.OrderByDescending(r => r.GrossOre.HasValue).First())
            .OrderByDescending(r => r.Rate)
            .ToList();
    }

    /// <summary>The rates named anywhere in VAT wording ("Priser inkl. moms 25%"), even without amounts.</summary>
    public static IReadOnlySet<int> RatesMentioned(IReadOnlyList<string> lines) =>
        lines.Where(l => VatKeyword().IsMatch(l))
            .SelectMany(l => RateToken().Matches(ReceiptAmounts.FixOcrDigits(l)))
            .Select(m => int.Parse(m.Groups["rate"].Value, CultureInfo.InvariantCulture))
            .ToHashSet();

    /// <summary>
    /// The sum of the item amounts per VAT code letter ("TÄNDARE 21,95 A"): the gross of one rate,
    /// once the VAT table tells which rate the letter stands for.
    /// </summary>
    private static Dictionary<char, long> CodeTotals(IReadOnlyList<string> lines)
    {
        var totals = new Dictionary<char, long>();
        foreach (var line in lines)
        {
            if (VatKeyword().IsMatch(line) || ItemCode().Match(ReceiptAmounts.FixOcrDigits(line)) is not { Success: true } item)
                continue;
            var code = item.Groups["code"].Value[0];
            totals[code] = totals.GetValueOrDefault(code) + ReceiptAmounts.Find(line)[^1].Ore;
        }

        return totals;
    }

    private static string? NextLine(IReadOnlyList<string> lines, int i) => i + 1 < lines.Count ? lines[i + 1] : null;

    /// <summary>One line of the VAT block as a row: its rate (printed, misprinted or implied by the arithmetic) and amounts.</summary>
    private static VatRow? ReadRow(string line, bool hasKeyword, string? nextLine)
    {
        var text = ReceiptAmounts.FixOcrDigits(line);
        var token = RateToken().Match(text);
        if (!token.Success)
            token = (hasKeyword ? BareRate() : RowStartRate()).Match(text);
        if (!token.Success)
        {
            // A table row whose rate OCR lost or garbled: the one rate that makes its amounts add up.
            var amounts = Values(text);
            var fits = SwedishRates.Select(r => Resolve(r, amounts)).OfType<VatRow>().ToList();
            return amounts.Count >= 2 && fits.Count == 1 ? fits[0] : null;
        }

        var rate = int.Parse(token.Groups["rate"].Value, CultureInfo.InvariantCulture);
        // The amounts are read apart from the rate, so "moms 25 517,81" is not taken for 25 517,81 kr.
        var values = Values(string.Concat(text.AsSpan(0, token.Index), " | ", text.AsSpan(token.Index + token.Length)));
        if (Resolve(rate, values) is { } resolved)
            return resolved;

        // Stacked layout: "Moms 25% 59,00" then "Netto 236,00" (or "Brutto"/"Inkl." on the next line).
        if (hasKeyword && values.Count == 1 && nextLine is not null && !RateToken().IsMatch(nextLine)
            && ReceiptAmounts.Last(nextLine) is { } next && next > 0 && Resolve(rate, [values[0], next]) is { } stacked)
            return stacked;

        // Amounts that do not add up (one misread): keep the VAT, for the total to pin down later.
        var vat = values.Count == 1 && hasKeyword ? values[0] : PlausibleVat(rate, values) ?? (hasKeyword && values.Count > 0 ? values[^1] : null);
        return vat is { } found ? new VatRow(rate, found, null) : null;
    }

    private static List<long> Values(string text) => ReceiptAmounts.Find(text).Select(a => a.Ore).Where(v => v > 0).ToList();

    /// <summary>The amount that is within 2 % of the rate's share of another amount (of a net or of a gross).</summary>
    private static long? PlausibleVat(int rate, List<long> values)
    {
        static bool Near(long actual, long expected) => Math.Abs(actual - expected) * 50 <= expected;
        return values.Where(v => values.Any(o => o > v && (Near(v * 100, o * rate) || Near(v * (100 + rate), o * rate))))
            .Select(v => (long?)v).FirstOrDefault();
    }

    /// <summary>
    /// Finds the VAT and the gross among a row's amounts, whichever two of VAT, net and gross were
    /// printed (or read correctly): VAT = VAT of the gross, VAT = VAT of net + VAT, or gross − net =
    /// VAT of the gross. A third amount that equals the remaining one confirms the reading.
    /// </summary>
    private static VatRow? Resolve(int rate, List<long> values)
    {
        VatRow? best = null;
        var bestConfirmed = false;
        foreach (var small in values)
        {
            foreach (var big in values)
            {
                if (big <= small)
                    continue;
                var (vat, gross) = Money.VatInGross(big, rate) == small ? (small, big)
                    : Money.VatInGross(big + small, rate) == small ? (small, big + small)
                    : Money.VatInGross(big, rate) == big - small ? (big - small, big)
                    : (0L, 0L);
                if (gross == 0)
                    continue;
                var confirmed = values.Contains(vat) && values.Contains(gross) && values.Contains(gross - vat);
                if (best is null || (confirmed && !bestConfirmed))
                    (best, bestConfirmed) = (new VatRow(rate, vat, gross), confirmed);
            }
        }

        return best;
    }

    // An item line ending in an amount and a VAT code letter.
    [GeneratedRegex(@"\d[.,]\d{2}-?\s+(?<code>[A-D])\s*$")]
    private static partial Regex ItemCode();

    [GeneratedRegex(@"moms(?!\s*reg)|\boms\b|\bvat\b(?!\s*(?:nr|no|reg))|\b(?:mva|mwst|ust|alv|gst|tax|tva|iva|btw|skatt)\b", RegexOptions.IgnoreCase)]
    private static partial Regex VatKeyword();

    // "25%", "25 %", "25,00%", "12.0 %", and the per cent sign read as "3", "4", "9", "96" or "?" ("25,003", "254", "2596").
    [GeneratedRegex(@"(?<![\d.,])(?<rate>25|12|6)(?:[.,]0{1,2})?\s?(?:%|procent|\?|(?:3|4|96?)(?=[\s,.]|$))")]
    private static partial Regex RateToken();

    // "varav moms 25 517,81": a rate without its per cent sign on a VAT line.
    [GeneratedRegex(@"(?<![\d.,])(?<rate>25|12|6)(?:[.,]00)?(?![\d%]|[.,]\d)")]
    private static partial Regex BareRate();

    // "A 25 831,18 3 324,72 4 155,90": a table row starting with the rate (after an optional code letter).
    [GeneratedRegex(@"^\W*(?:[A-Ca-c]\W+)?(?<rate>25|12|6)(?:[.,]0{1,2})?\s+(?=\d)")]
    private static partial Regex RowStartRate();
}
