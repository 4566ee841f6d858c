namespace CleanLedger.Infrastructure.Receipts.Extraction;

/// <summary>
/// Picks the amount paid among the labelled candidates and says how well it is confirmed: by the VAT
/// block (sum of gross per rate + tip + rounding), by a subtotal plus tip or rounding, by the cash
/// handed over less the change, and by being printed again on the payment line or card slip.
/// </summary>
public static class TotalChooser
{
    /// <summary>
    /// The most likely amount paid; <c>cashPaid</c> is cash handed over less change, if printed;
    /// <c>wholeKronor</c> when paid in cash in Sweden, where cash totals are whole kronor.
    /// </summary>
    public static (long Ore, double Confidence)? Choose(
        IReadOnlyList<TotalCandidate> candidates, IReadOnlyList<VatRow> vatRows, long? tip, long? rounding, long? cashPaid, bool wholeKronor)
    {
        long? vatGross = vatRows.Count > 0 && vatRows.All(row => row.GrossOre.HasValue) ? vatRows.Sum(row => row.GrossOre!.Value) : null;
        // What lies between the goods and the amount paid. A printed rounding's sign is not always
        // printed ("ROUNDING ADJUSTMENT 0.01" may take a cent off), so both signs are tried. Cash in
        // Sweden is paid in whole kronor (öresavrundning): where no rounding line is legible, the
        // VAT block's sum rounded to the krona is what was paid.
        var tipOre = tip ?? 0;
        long[] extras = rounding is { } r and not 0 ? [tipOre + r, tipOre - r]
            : rounding is null && wholeKronor && vatGross is { } unrounded ? [RoundedToKronor(unrounded + tipOre) - unrounded]
            : [tipOre];
        // The cash arithmetic names the amount paid even when its total line was misread.
        if (cashPaid is { } paid && candidates.All(c => c.Ore != paid))
            candidates = [.. candidates, new TotalCandidate(paid, 1.5, -1)];
        if (candidates.Count == 0)
            return vatGross is { } gross ? (gross + extras[0], 0.6) : null;

        var values = candidates.GroupBy(c => c.Ore).Select(g => new Scored(
            g.Key,
            g.Sum(c => c.Weight),
            g.Select(c => c.Line).Distinct().Count(),
            g.Max(c => c.Weight) >= 2,
            extras.Any(e => vatGross + e == g.Key),
            extras.Any(e => e != 0 && candidates.Any(c => c.Ore + e == g.Key)),
            g.Key == cashPaid)).ToList();

        // With a tip or rounding, the subtotal before it is not the total.
        var subtotals = values.Where(v => extras.Any(e => e != 0 && values.Any(w => w.Ore == v.Ore + e))).Select(v => v.Ore).ToHashSet();
        var ranked = values
            .Select(v => v with
            {
                Score = v.Score + (v.AgreesWithVat ? 4 : 0) + (v.FollowsSubtotal ? 3 : 0) + (v.PaidInCash ? 4 : 0) - (subtotals.Contains(v.Ore) ? 3 : 0)
                    - (wholeKronor && v.Ore % 100 != 0 ? 3 : 0),
            })
            .OrderByDescending(v => v.Score)
            .ToList();
        var best = ranked[0];
        var contested = ranked.Count > 1 && ranked[1].Score > best.Score / 2;

        // Repetition only confirms an amount that a total label names; the payment line and slip repeat it.
        var repeated = (best.Labelled && (best.Lines >= 2 || best.FollowsSubtotal)) || best.PaidInCash;
        var confidence = (best.AgreesWithVat, repeated) switch
        {
            (true, true) => 0.98,
            (true, false) => 0.93,
            (false, true) => 0.85,
            _ => best.Labelled ? 0.6 : 0.4,
        };
        if (contested && !best.AgreesWithVat)
            confidence -= 0.2;
        // A VAT block that adds up to something else means a misread amount somewhere.
        if (vatGross is not null && !best.AgreesWithVat)
            confidence = Math.Min(confidence, 0.6);
        return (best.Ore, confidence);
    }

    private static long RoundedToKronor(long ore) => (long)Math.Round(ore / 100m, MidpointRounding.AwayFromZero) * 100;

    private sealed record Scored(long Ore, double Score, int Lines, bool Labelled, bool AgreesWithVat, bool FollowsSubtotal, bool PaidInCash);
}
