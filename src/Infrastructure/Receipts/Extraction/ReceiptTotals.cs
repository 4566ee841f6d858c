using System.Text.RegularExpressions;

namespace CleanLedger.Infrastructure.Receipts.Extraction;

/// <summary>An amount printed beside a total-like label, with how strongly the label says "amount paid".</summary>
public readonly record struct TotalCandidate(long Ore, double Weight, int Line);

/// <summary>
/// Finds the amounts a receipt presents as its total (Att betala, Summa, Totalt, TOTAL SEK, Belopp,
/// Kortköp, payment lines ...) and the tip and cash rounding that sit between a subtotal and the total.
/// </summary>
public static partial class ReceiptTotals
{
    /// <summary>Every labelled total-like amount; the label's amount may sit on the next line (large print).</summary>
    public static IReadOnlyList<TotalCandidate> Candidates(IReadOnlyList<string> lines)
    {
        var candidates = new List<TotalCandidate>();
        var afterRounding = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            // A subtotal is the total only when nothing else is labelled; the amount after a rounding line is the one paid.
            var weight = Subtotal().IsMatch(line) ? 0.5
                : NotATotal().IsMatch(line) && !Inclusive().IsMatch(line) ? 0
                : StrongTotal().IsMatch(line) ? 3.0
                : Total().IsMatch(line) ? 2.0
                : PaymentLine().IsMatch(line) ? 1.5
                : 0;
            if (weight > 0 && afterRounding)
                weight += 1.5;
            afterRounding |= RoundingLabel().IsMatch(line);
            if (weight == 0)
                continue;
            var amount = ReceiptAmounts.Last(line);
            if (amount is null && i + 1 < lines.Count && !lines[i + 1].Any(char.IsLetter))
                amount = ReceiptAmounts.Last(lines[i + 1]);
            if (amount is > 0)
                candidates.Add(new TotalCandidate(amount.Value, weight, i));
        }

        return candidates;
    }

    /// <summary>
    /// When no label was legible: the largest amount printed on two or more lines (the total is
    /// repeated on the payment line and the card slip), weighted low.
    /// </summary>
    public static IReadOnlyList<TotalCandidate> Repeated(IReadOnlyList<string> lines)
    {
        var repeated = lines.SelectMany((line, i) => ReceiptAmounts.Find(line).Select(a => (a.Ore, Line: i)))
            .Where(a => a.Ore > 0)
            .GroupBy(a => a.Ore)
            .Where(g => g.Select(a => a.Line).Distinct().Count() >= 2)
            .MaxBy(g => g.Key);
        return repeated is null ? [] : repeated.Select(a => new TotalCandidate(a.Ore, 0.3, a.Line)).ToList();
    }

    /// <summary>
    /// The amount paid in cash, when both the cash handed over and the change are printed
    /// ("Kontant 1000,00" then "Växel 468,00" is 532,00); null otherwise.
    /// </summary>
    public static long? CashPaid(IReadOnlyList<string> lines)
    {
        long? tendered = null;
        foreach (var line in lines)
        {
            if (ChangeLabel().IsMatch(line))
            {
                var change = ReceiptAmounts.Last(line);
                return tendered - change is > 0 and var paid ? paid : null;
            }

            if (CashLabel().IsMatch(line) && ReceiptAmounts.Last(line) is { } amount)
                tendered = amount;
        }

        return null;
    }

    /// <summary>The tip ("Dricks 50,00"), if printed.</summary>
    public static long? Tip(IReadOnlyList<string> lines) => LabelledAmount(lines, TipLabel());

    /// <summary>The cash rounding ("Öresavrundning -0,44"), if printed.</summary>
    public static long? Rounding(IReadOnlyList<string> lines) => LabelledAmount(lines, RoundingLabel());

    private static long? LabelledAmount(IReadOnlyList<string> lines, Regex label) =>
        lines.Where(l => label.IsMatch(l)).Select(ReceiptAmounts.Last).FirstOrDefault(a => a is not null);

    // The amount to pay, in the words of Swedish, English, German, Finnish and French receipts.
    [GeneratedRegex(@"(?:a|\b)tt\s*betala|totalt?\b|total\s*(?:sek|kr|rm|eur|\(|amount|inkl|incl)|grand\s*total|summa\s*(?:sek|kr|att)|zu zahlen|gesamt|yhteensä|yhteensa|total ttc|net\s*total|\brounded\b|totaal|amount\s*due|to pay", RegexOptions.IgnoreCase)]
    private static partial Regex StrongTotal();

    [GeneratedRegex(@"summa|summe|\btot\b|belopp|kortköp|kortkop|betalt|debiterat|betrag|montant|amount|total", RegexOptions.IgnoreCase)]
    private static partial Regex Total();

    // Payment lines repeat the amount paid: "Kortbetalning 634,00" (also as OCR's "Kortbetatning"), "Bankkort 724,00", "Swish 639,40".
    [GeneratedRegex(@"bet\p{L}{2}ning\b|bankkort|betalkort|kreditkort|\bkort\b|swish|visa|mastercard|maestro|amex|\bcard\b", RegexOptions.IgnoreCase)]
    private static partial Regex PaymentLine();

    // Subtotals, VAT, savings, counts, change and the like that also say "summa", "belopp" or "total".
    [GeneratedRegex(@"moms|exkl|excl|netto|rabatt|sparade|spara|bonus|antal|\bqty|växel|vaxel|tillbaka|change|avrundning|rounding|dricks|\btips?\b|vat\b|gst|tax|mwst|alv\b|underlag|\bpant\b|poäng|saldo|kredit\s*kvar|items?\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotATotal();

    [GeneratedRegex(@"delsumma|del\s*summa|sub\s*-?\s*total|zwischensumme|välisumma", RegexOptions.IgnoreCase)]
    private static partial Regex Subtotal();

    // "Totalt inkl. moms", "Totalt inkl. dricks", "Total incl. GST" are totals despite their VAT or tip word.
    [GeneratedRegex(@"\b(?:inkl|incl|inclusive|including)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Inclusive();

    [GeneratedRegex(@"kontant|\bcash\b|tendered|erhållet|mottaget|\bbar\b", RegexOptions.IgnoreCase)]
    private static partial Regex CashLabel();

    [GeneratedRegex(@"växel|vaxel|tillbaka|\bchange\b|rückgeld|wechselgeld", RegexOptions.IgnoreCase)]
    private static partial Regex ChangeLabel();

    [GeneratedRegex(@"^\W*(?:dricks|tips?|gratuity|trinkgeld)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TipLabel();

    [GeneratedRegex(@"avrundning|rounding|rundung|pyöristys", RegexOptions.IgnoreCase)]
    private static partial Regex RoundingLabel();
}
