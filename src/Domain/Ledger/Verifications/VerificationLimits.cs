using CleanLedger.Domain.Common;

namespace CleanLedger.Domain.Ledger.Verifications;

/// <summary>
/// The largest verification the books take (ADR 0016). A line is at most 100 000 000 000 kr
/// (10^11 kr) and a verification's debits at most 1 000 000 000 000 kr (10^12 kr): more than a
/// thousand times a whole year's turnover of the largest SME, yet any verification's sums stay
/// three orders of magnitude below <see cref="long.MaxValue"/> öre. Totals over many
/// verifications have no such bound and are summed in a wider type wherever they are computed.
/// </summary>
public static class VerificationLimits
{
    public const long MaxLineOre = 100_000_000_000_00;

    public const long MaxGrossOre = 1_000_000_000_000_00;

    public const int MaxLines = 500;

    /// <summary>The ceilings as a sentence, for the messages that refuse an amount.</summary>
    public static string Ceilings =>
        $"at most {Money.FormatKronor(MaxLineOre)} kr a line and {Money.FormatKronor(MaxGrossOre)} kr of debits a verification";

    /// <summary>Throws when a line or the lines' debits pass a ceiling, or there are too many lines.</summary>
    public static void Check(IReadOnlyList<VerificationLine> lines)
    {
        if (lines.Count > MaxLines)
            throw new DomainException("verification.too_many_lines", $"A verification has at most {MaxLines} lines, not {lines.Count}.");
        if (lines.Any(line => line.Debit > MaxLineOre || line.Credit > MaxLineOre))
            throw new DomainException("verification.amount_too_large", $"An amount is {Ceilings}.");
        if (lines.Sum(line => line.Debit) > MaxGrossOre)
            throw new DomainException("verification.amount_too_large", $"An amount is {Ceilings}.");
    }
}
