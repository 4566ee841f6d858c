namespace CleanLedger.Application.Sie.ImportSie;

/// <summary>What a SIE 4 file says about the books, as read (amounts in öre).</summary>
public sealed record SieBooks(
    string? CompanyName,
    IReadOnlyList<SieFiscalYear> FiscalYears,
    IReadOnlyList<SieAccount> Accounts,
    IReadOnlyDictionary<string, long> OpeningBalances,
    IReadOnlyList<SieVoucher> Vouchers,
    IReadOnlyList<string> Warnings);

/// <summary>#RAR: 0 is the file's year, −1 the one before, …</summary>
public sealed record SieFiscalYear(int Index, DateOnly Start, DateOnly End);

/// <summary>#KONTO with its #KTYP (T, S, I, K) and #SRU when given.</summary>
public sealed record SieAccount(string Number, string Name, char? Type, string? Sru);

/// <summary>#VER and its counted rows (#TRANS, and #RTRANS in place of the #TRANS that repeats it).</summary>
public sealed record SieVoucher(int Line, string? Series, long? Number, DateOnly Date, string Text, DateOnly? Registered, IReadOnlyList<SieRow> Rows);

public sealed record SieRow(string Account, long Ore);

/// <summary>Reads a SIE 4 file (4E or 4I) exactly, or refuses it naming the line and record.</summary>
public interface ISieReader
{
    /// <exception cref="SieFormatException">The file breaks the format or the books' arithmetic.</exception>
    Task<SieBooks> ReadAsync(string path, CancellationToken cancellationToken);
}

public sealed class SieFormatException(int line, string record, string problem)
    : Exception($"Line {line}, {record}: {problem}")
{
    public int Line { get; } = line;

    public string Record { get; } = record;
}
