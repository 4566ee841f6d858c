using CleanLedger.Domain.Common;
using CleanLedger.Domain.Receipts;

namespace CleanLedger.Infrastructure.Receipts.Extraction;

/// <summary>
/// Turns the printed VAT rows into full VAT amounts (rate, VAT, net): a row that printed only its VAT
/// gets its gross from the total (the one gross, or the only split of the total that reproduces every
/// printed VAT), and a receipt that names a single rate but prints no VAT gets it derived from the total.
/// </summary>
public static class VatCompletion
{
    public static (IReadOnlyList<VatAmount> Rows, double Confidence) Complete(
        IReadOnlyList<VatRow> rows, IReadOnlySet<int> ratesMentioned, IReadOnlySet<long> printedAmounts,
        (long Ore, double Confidence)? total, long extras)
    {
        if (rows.Count == 0)
            return total is { } t ? SingleRate(ratesMentioned, printedAmounts, t, extras) : ([], 0);

        var known = rows.Where(r => r.GrossOre.HasValue).ToList();
        var unknown = rows.Where(r => !r.GrossOre.HasValue).ToList();
        var knownGross = known.Sum(r => r.GrossOre!.Value);
        if (unknown.Count == 0)
        {
            var addsUp = total is { } t && knownGross + extras == t.Ore;
            return (ToAmounts(rows.Select(r => (r, r.GrossOre!.Value))), addsUp ? 0.97 : 0.5);
        }

        if (total is not { } paid)
            return (ToAmounts(rows.Select(r => (r, r.GrossOre ?? EstimatedGross(r)))), 0.2);

        var target = paid.Ore - extras - knownGross;
        var splits = Splits(unknown, target).Take(2).ToList();
        if (splits.Count == 0 && paid.Ore % 100 == 0)
        {
            // A whole-krona total may hide an unprinted (or unread) cash rounding of up to 50 öre:
            // the nearest gross that reproduces the printed VAT, net then known only to a few öre.
            var rounded = Enumerable.Range(1, 50).SelectMany(r => new[] { target - r, target + r })
                .Select(t => Splits(unknown, t).FirstOrDefault()).FirstOrDefault(s => s is not null);
            if (rounded is not null)
                return (ToAmounts(known.Select(r => (r, r.GrossOre!.Value)).Concat(unknown.Zip(rounded))), paid.Confidence * 0.5);
        }

        if (splits.Count == 0 && rows is [{ } only] && OneDigitApart(Money.VatInGross(target, only.Rate), only.VatOre))
        {
            // One rate whose printed VAT is one misread digit away from the VAT of the total.
            return (ToAmounts([(only with { VatOre = Money.VatInGross(target, only.Rate) }, target)]), paid.Confidence * 0.6);
        }

        if (splits.Count == 0)
            return (ToAmounts(rows.Select(r => (r, r.GrossOre ?? EstimatedGross(r)))), 0.2);

        // One unknown gross is pinned by the total; several are only pinned when no other split fits.
        var confidence = splits.Count > 1 ? 0.3 : paid.Confidence * (unknown.Count == 1 ? 0.95 : 0.85);
        return (ToAmounts(known.Select(r => (r, r.GrossOre!.Value)).Concat(unknown.Zip(splits[0]))), confidence);
    }

    /// <summary>
    /// No legible VAT row: if the VAT of the total at exactly one rate is printed somewhere (a row whose
    /// rate and label OCR lost), that is the VAT, confirmed; else one rate named in VAT wording
    /// ("Priser inkl. moms 25%") gives it, unconfirmed.
    /// </summary>
    private static (IReadOnlyList<VatAmount> Rows, double Confidence) SingleRate(
        IReadOnlySet<int> ratesMentioned, IReadOnlySet<long> printedAmounts, (long Ore, double Confidence) total, long extras)
    {
        var gross = total.Ore - extras;
        var printed = VatTable.SwedishRates.Where(r => printedAmounts.Contains(Money.VatInGross(gross, r))).ToList();
        if (printed is [var rate])
            return ([Single(rate, gross)], total.Confidence * 0.9);
        if (ratesMentioned.Count == 1)
            return ([Single(ratesMentioned.Single(), gross)], 0.35);
        return ([], 0);

        static VatAmount Single(int rate, long gross) => new(rate, Money.VatInGross(gross, rate), gross - Money.VatInGross(gross, rate));
    }

    /// <summary>Gross amounts for the rows (summing to <paramref name="target"/>) whose VAT is exactly the printed VAT.</summary>
    private static IEnumerable<long[]> Splits(List<VatRow> rows, long target)
    {
        if (rows.Count == 1)
        {
            if (Money.VatInGross(target, rows[0].Rate) == rows[0].VatOre)
                yield return [target];
            yield break;
        }

        foreach (var gross in GrossesFor(rows[0]))
        {
            foreach (var rest in Splits(rows.Skip(1).ToList(), target - gross))
                yield return [gross, .. rest];
        }
    }

    /// <summary>Every gross whose VAT at the row's rate rounds to the printed VAT (a window a few öre wide).</summary>
    private static IEnumerable<long> GrossesFor(VatRow row)
    {
        var centre = row.VatOre * (100 + row.Rate) / row.Rate;
        var halfWidth = (100 + row.Rate) / row.Rate + 1;
        for (var gross = centre - halfWidth; gross <= centre + halfWidth; gross++)
        {
            if (Money.VatInGross(gross, row.Rate) == row.VatOre)
                yield return gross;
        }
    }

    private static bool OneDigitApart(long a, long b)
    {
        var (x, y) = (a.ToString(System.Globalization.CultureInfo.InvariantCulture), b.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return x.Length == y.Length && x.Zip(y).Count(p => p.First != p.Second) == 1;
    }

    // Without a total the gross is estimated from the VAT alone (VAT × (100 + rate) / rate), only approximately.
    private static long EstimatedGross(VatRow row) => row.VatOre * (100 + row.Rate) / row.Rate;

    private static List<VatAmount> ToAmounts(IEnumerable<(VatRow Row, long Gross)> rows) =>
        rows.Select(p => new VatAmount(p.Row.Rate, p.Row.VatOre, p.Gross - p.Row.VatOre)).OrderByDescending(v => v.Rate).ToList();
}
