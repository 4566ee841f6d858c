namespace CleanLedger.Domain.Receipts;

/// <summary>One rate of the VAT a reviewer reads off the receipt: the rate in whole percent and the VAT at it, in öre.</summary>
public sealed record VatCorrection(int Rate, long AmountOre);

/// <summary>
/// The VAT table a reviewer states. Receipts print the VAT per rate; the net follows from the rate
/// (VAT × 100 / rate). The rate that carries the most of the purchase (a 0 % rate when there is one,
/// it has no VAT to derive its net from) takes the öre the rounding leaves, so that net and VAT make
/// the receipt's gross exactly and the proposal credits what was paid.
/// </summary>
public static class CorrectedVat
{
    /// <param name="grossOre">What the VAT table covers: the total less tip and cash rounding.</param>
    /// <param name="corrections">One entry per rate.</param>
    public static IReadOnlyList<VatAmount> Table(long grossOre, IReadOnlyList<VatCorrection> corrections)
    {
        ArgumentNullException.ThrowIfNull(corrections);
        if (corrections.Count == 0)
            return [];
        var table = corrections.Select(rate => new VatAmount(rate.Rate, rate.AmountOre, NetOf(rate))).ToList();
        var remainderTaker = table.FindIndex(rate => rate.Rate == 0) is var zero and >= 0 ? zero : table.IndexOf(table.MaxBy(rate => rate.NetOre)!);
        var others = table.Where((_, index) => index != remainderTaker).Sum(rate => rate.GrossOre);
        var taker = table[remainderTaker];
        table[remainderTaker] = taker with { NetOre = grossOre - others - taker.AmountOre };
        return table;
    }

    private static long NetOf(VatCorrection rate) =>
        rate.Rate == 0 ? 0 : (long)Math.Round(rate.AmountOre * 100m / rate.Rate, MidpointRounding.AwayFromZero);
}
