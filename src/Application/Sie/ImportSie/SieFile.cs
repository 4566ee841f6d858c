namespace CleanLedger.Application.Sie.ImportSie;

/// <summary>
/// The bounds a SIE file's vouchers are read within beyond the books' own (dates in
/// <see cref="CleanLedger.Domain.Ledger.BookkeepingDates"/>, amounts within
/// <see cref="CleanLedger.Domain.Ledger.Verifications.VerificationLimits"/>), so that nothing taken
/// in can wrap a series counter later (ADR 0014).
/// </summary>
public static class SieLimits
{
    /// <summary>
    /// The highest voucher number a series takes: its counter continues after the imported numbers and
    /// must stay far from long's end so that it can never wrap (nine digits, as other programs print them).
    /// </summary>
    public const long MaxVoucherNumber = 999_999_999;
}

/// <summary>What a SIE 4 file says, in the order it says it (amounts in öre). Each entry names the line it was read from.</summary>
public abstract record SieEntry(int Line);

/// <summary>#RAR: 0 is the file's year, −1 the one before, …</summary>
public sealed record SieFiscalYear(int Line, int Index, DateOnly Start, DateOnly End) : SieEntry(Line);

/// <summary>
/// #VER and its counted rows (#TRANS, and #RTRANS in place of the #TRANS that repeats it), read
/// as balanced; <see cref="DebitOre"/> is the sum of its positive rows.
/// </summary>
public sealed record SieVoucher(int Line, string? Series, long? Number, DateOnly Date, string Text, DateOnly? Registered, IReadOnlyList<SieRow> Rows, long DebitOre)
    : SieEntry(Line);

public sealed record SieRow(string Account, long Ore);

/// <summary>Something in the file that is read past (an unknown record, a #RAR without dates).</summary>
public sealed record SieWarning(int Line, string Text) : SieEntry(Line);

/// <summary>The last entry, once every line has been read and checked: the file's accounts and opening balances.</summary>
public sealed record SieEnd(int Line, string? CompanyName, IReadOnlyList<SieAccount> Accounts, IReadOnlyDictionary<string, long> OpeningBalances)
    : SieEntry(Line);

/// <summary>#KONTO with its #KTYP (T, S, I, K) and #SRU when given.</summary>
public sealed record SieAccount(string Number, string Name, char? Type, string? Sru);

/// <summary>
/// Reads a SIE 4 file (4E or 4I) line by line, exactly and within configured limits, or refuses it
/// naming the line and record. Only the current voucher's rows and the file's accounts are held.
/// </summary>
public interface ISieReader
{
    /// <summary>
    /// Each fiscal year, voucher and warning as soon as it is read; <see cref="SieEnd"/> last, after
    /// the closing checks (#KSUMMA, an unclosed voucher). Entries before a refusal may already have been handed out.
    /// </summary>
    /// <exception cref="SieFormatException">The file breaks the format, a limit or the books' arithmetic.</exception>
    IAsyncEnumerable<SieEntry> ReadAsync(Stream content, CancellationToken cancellationToken);
}

public sealed class SieFormatException(int line, string record, string problem)
    : Exception($"Line {line}, {record}: {problem}")
{
    public int Line { get; } = line;

    public string Record { get; } = record;
}
