namespace CleanLedger.Infrastructure.Persistence.Reports;

/// <summary>
/// A SUM of öre that no number of rows can overflow, on either engine (ADR 0016). SQLite's SUM of
/// integers throws past <see cref="long.MaxValue"/> and PostgreSQL's numeric SUM would not fit a
/// bigint read back, so each value is split at 2^32 into a quotient (below 2^31 in magnitude)
/// and a remainder (below 2^32): each half sums within a bigint over two billion rows, and the
/// halves are joined in an <see cref="Int128"/>. Both engines truncate division toward zero and
/// give the remainder the dividend's sign, so value = quotient × 2^32 + remainder row by row.
/// </summary>
public static class WideSum
{
    private const long Base = 1L << 32;

    /// <summary>Two select columns, <c>{alias}_high</c> and <c>{alias}_low</c>, to read back with <see cref="Join"/>.</summary>
    public static string Of(string expression, string alias) =>
        $"CAST(SUM(({expression}) / {Base}) AS BIGINT) AS {alias}_high, CAST(SUM(({expression}) % {Base}) AS BIGINT) AS {alias}_low";

    public static Int128 Join(long high, long low) => ((Int128)high * Base) + low;
}
