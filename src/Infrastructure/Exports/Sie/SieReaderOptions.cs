namespace CleanLedger.Infrastructure.Exports.Sie;

/// <summary>
/// Section "Sie:Import": how much of a SIE file the reader takes before refusing it with the line.
/// The defaults are far above any real file (the sample files from other programs have at most
/// 5,100 lines, 66 rows in a voucher and 96 characters on a line) and keep one import's staging
/// and switch-over short (ADR 0014).
/// </summary>
public sealed class SieReaderOptions
{
    public const string Section = "Sie:Import";

    /// <summary>Lines in the file on PostgreSQL, blank ones included: a busy company's year is a few hundred thousand.</summary>
    public const int DefaultMaxLines = 1_000_000;

    /// <summary>
    /// Lines in the file on SQLite, where the switch-over holds the file's one write lock while it
    /// copies the rows: at this size (fewer rows than lines) about 0.4 s on a loaded two-core machine, so another
    /// organisation's write never waits a second (ADR 0014). Six times the largest sample file;
    /// larger books are for PostgreSQL, or for a deployment that sets the limit and accepts the wait.
    /// </summary>
    public const int SqliteDefaultMaxLines = 30_000;

    /// <summary>Lines in the file, blank ones included (the engine's default unless configured).</summary>
    public int MaxLines { get; set; } = DefaultMaxLines;

    /// <summary>Characters on one line (a #VER with a 500-character text needs about 560).</summary>
    public int MaxLineLength { get; set; } = 4_096;

    /// <summary>Characters in one field (a name, a text, one item of an object list).</summary>
    public int MaxFieldLength { get; set; } = 1_000;

    /// <summary>#TRANS/#RTRANS rows in one voucher (a salary run with hundreds of employees has a few thousand).</summary>
    public int MaxRowsPerVoucher { get; set; } = 10_000;

    /// <summary>#VER records in the file.</summary>
    public int MaxVouchers { get; set; } = 200_000;

    public static int DefaultMaxLinesOn(Persistence.DatabaseProvider provider) =>
        provider == Persistence.DatabaseProvider.Sqlite ? SqliteDefaultMaxLines : DefaultMaxLines;
}
