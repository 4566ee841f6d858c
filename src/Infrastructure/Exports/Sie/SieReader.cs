using System.Globalization;
using System.Runtime.CompilerServices;
using CleanLedger.Application.Sie.ImportSie;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.Verifications;
using Microsoft.Extensions.Options;
using static CleanLedger.Application.Sie.ImportSie.SieLimits;

namespace CleanLedger.Infrastructure.Exports.Sie;

/// <summary>
/// A tolerant, exact SIE 4 reader (SIE 4B): spaces or TABs, quoted or bare fields, blank lines,
/// extra trailing fields and unknown records (skipped with a warning) are accepted; amounts with
/// more than two decimals, vouchers that do not balance, a broken #KSUMMA or a truncated voucher
/// block are refused naming the line.
/// </summary>
/// <remarks>
/// The file is read line by line and never held: only the open voucher's rows and the chart it
/// declares stay in memory, each bounded (<see cref="SieReaderOptions"/>). Every value the books
/// keep is read within <see cref="SieLimits"/>, and a voucher's sums are counted checked.
/// </remarks>
public sealed class SieReader(IOptions<SieReaderOptions> options) : ISieReader
{
    /// <summary>Distinct accounts a file may name: the BAS range 1000–8999 holds no more.</summary>
    public const int MaxAccounts = 9_000;

    /// <summary>#RAR records: a file carries its year and a few before it.</summary>
    public const int MaxFiscalYears = 100;

    private static readonly HashSet<string> KnownButUnused = new(StringComparer.Ordinal)
    {
        "#FLAGGA", "#PROGRAM", "#FORMAT", "#GEN", "#SIETYP", "#PROSA", "#FTYP", "#FNR", "#ORGNR", "#BKOD", "#ADRESS",
        "#TAXAR", "#OMFATTN", "#KPTYP", "#VALUTA", "#ENHET", "#DIM", "#UNDERDIM", "#OBJEKT", "#UB", "#OIB", "#OUB", "#RES",
        "#PSALDO", "#PBUDGET", "#BTRANS",
    };

    private readonly SieReaderOptions _limits = options.Value;

    public async IAsyncEnumerable<SieEntry> ReadAsync(Stream content, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var lines = new LineReader(content, _limits);
        string? company = null;
        var years = 0;
        var vouchers = 0;
        var accounts = new Dictionary<string, (string Name, char? Type, string? Sru)>(StringComparer.Ordinal);
        var opening = new Dictionary<string, long>(StringComparer.Ordinal);
        SieChecksum? checksum = null;
        (int Line, SieRecord Record, List<SieRow> Rows)? voucher = null;
        var inBlock = false;
        var skipNextTrans = false;

        while (await lines.ReadAsync(cancellationToken) is { } line)
        {
            var number = lines.Number;
            var text = line.Trim();
            if (text.Length == 0)
                continue;
            if (text == "{")
            {
                inBlock = voucher is not null ? true : throw new SieFormatException(number, "{", "a block opens without a #VER before it");
                continue;
            }

            if (text == "}")
            {
                if (voucher is not { } open || !inBlock)
                    throw new SieFormatException(number, "}", "a block closes that was not opened");
                yield return Finish(open);
                (voucher, inBlock, skipNextTrans) = (null, false, false);
                continue;
            }

            var record = SieRecord.Parse(text) ?? throw new SieFormatException(number, text.Split(' ')[0], "a record must start with a # label");
            CheckFieldLengths(record, number);
            if (record.Label == "#KSUMMA")
            {
                if (checksum is null && record.Fields.Count == 0)
                {
                    checksum = new SieChecksum();
                    continue;
                }

                var expected = record.Fields.Count > 0 ? record.Fields[0].Text : "";
                if (checksum is null || checksum.Value.ToString(CultureInfo.InvariantCulture) != expected)
                    throw new SieFormatException(number, "#KSUMMA", $"the checksum is {checksum?.Value.ToString(CultureInfo.InvariantCulture) ?? "missing"}, the file says {expected}");
                checksum = null;
                continue;
            }

            checksum?.Add(record);
            if (voucher is not null && !inBlock)
                throw new SieFormatException(voucher.Value.Line, "#VER", "the voucher has no { … } block of rows");

            switch (record.Label)
            {
                case "#FNAMN":
                    company = Field(record, 0);
                    break;
                case "#RAR" when Field(record, 1).Length == 8 && Field(record, 2).Length == 8:
                    if (++years > MaxFiscalYears)
                        throw new SieFormatException(number, "#RAR", $"the file names more than {MaxFiscalYears} fiscal years");
                    yield return new SieFiscalYear(number, Int(record, 0, number), Date(record, 1, number), Date(record, 2, number));
                    break;
                case "#RAR":
                    yield return new SieWarning(number, $"Line {number}, #RAR: no dates; the organisation's own fiscal years are used.");
                    break;
                case "#KONTO":
                    Update(accounts, record, number, account => account with { Name = Field(record, 1) });
                    break;
                case "#KTYP":
                    Update(accounts, record, number, account => account with { Type = Field(record, 1) is [var type] ? char.ToUpperInvariant(type) : null });
                    break;
                case "#SRU":
                    Update(accounts, record, number, account => account with { Sru = Field(record, 1) });
                    break;
                case "#IB" when Field(record, 0) == "0":
                    if (opening.Count >= MaxAccounts && !opening.ContainsKey(Field(record, 1)))
                        throw TooManyAccounts(record, number);
                    opening[Field(record, 1)] = Amount(record, 2, number);
                    break;
                case "#IB":
                    break;
                case "#VER":
                    if (++vouchers > _limits.MaxVouchers)
                        throw new SieFormatException(number, "#VER", $"the file has more than {_limits.MaxVouchers:N0} vouchers (Sie:Import:MaxVouchers)");
                    voucher = (number, record, []);
                    break;
                case "#TRANS" or "#RTRANS":
                    if (voucher is not { } current || !inBlock)
                        throw new SieFormatException(number, record.Label, "a row outside a voucher block");
                    if (record.Label == "#TRANS" && skipNextTrans)
                    {
                        skipNextTrans = false;
                        break;
                    }

                    if (current.Rows.Count >= _limits.MaxRowsPerVoucher)
                        throw new SieFormatException(number, record.Label, $"the voucher of line {current.Line} has more than {_limits.MaxRowsPerVoucher:N0} rows (Sie:Import:MaxRowsPerVoucher)");
                    // An #RTRANS (row added later) is followed by the same row as #TRANS for older readers.
                    skipNextTrans = record.Label == "#RTRANS";
                    current.Rows.Add(new SieRow(Field(record, 0), Amount(record, 2, number)));
                    break;
                default:
                    if (!KnownButUnused.Contains(record.Label))
                        yield return new SieWarning(number, $"Line {number}, {record.Label}: unknown record, skipped.");
                    break;
            }
        }

        if (voucher is { } unfinished)
            throw new SieFormatException(unfinished.Line, "#VER", "the voucher's block is not closed: the file is truncated");
        if (checksum is not null)
            throw new SieFormatException(lines.Number, "#KSUMMA", "the closing #KSUMMA is missing: the file is truncated");

        yield return new SieEnd(
            lines.Number,
            company,
            accounts.Select(account => new SieAccount(account.Key, account.Value.Name, account.Value.Type, account.Value.Sru)).ToList(),
            opening);
    }

    private static SieVoucher Finish((int Line, SieRecord Record, List<SieRow> Rows) voucher)
    {
        var (line, record, rows) = voucher;
        long sum = 0, debit = 0;
        try
        {
            foreach (var row in rows)
            {
                sum = checked(sum + row.Ore);
                debit = checked(debit + Math.Max(row.Ore, 0));
            }
        }
        catch (OverflowException)
        {
            throw new SieFormatException(line, "#VER", $"voucher {Field(record, 0)} {Field(record, 1)}: its rows sum beyond what the books can count");
        }

        if (debit > VerificationLimits.MaxGrossOre)
            throw new SieFormatException(line, "#VER", $"voucher {Field(record, 0)} {Field(record, 1)}: its debits pass {CleanLedger.Domain.Common.Money.FormatKronor(VerificationLimits.MaxGrossOre)} kr, the most a verification takes");
        if (sum != 0)
            throw new SieFormatException(line, "#VER", $"voucher {Field(record, 0)} {Field(record, 1)} does not balance: its rows sum to {CleanLedger.Domain.Common.Money.FormatKronor(sum)}");

        return new SieVoucher(
            line,
            Field(record, 0) is { Length: > 0 } series ? series : null,
            VoucherNumber(record, line),
            Date(record, 2, line),
            Field(record, 3),
            Field(record, 4) is { Length: 8 } ? Date(record, 4, line) : null,
            rows,
            debit);
    }

    /// <summary>Digits give the voucher's number; anything else (or 0) leaves it to be numbered on import.</summary>
    private static long? VoucherNumber(SieRecord record, int line)
    {
        var text = Field(record, 1);
        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
            return null;
        var digits = text.TrimStart('0');
        if (digits.Length == 0)
            return null;
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= MaxVoucherNumber
            ? number
            : throw new SieFormatException(line, "#VER", $"voucher number {text} is above {MaxVoucherNumber:N0}, the highest a series takes");
    }

    private void CheckFieldLengths(SieRecord record, int line)
    {
        foreach (var field in record.Fields)
        {
            if (field.Text.Length > _limits.MaxFieldLength || field.Objects?.Any(item => item.Length > _limits.MaxFieldLength) == true)
                throw new SieFormatException(line, record.Label, $"a field is longer than {_limits.MaxFieldLength:N0} characters (Sie:Import:MaxFieldLength)");
        }
    }

    private static void Update(Dictionary<string, (string Name, char? Type, string? Sru)> accounts, SieRecord record, int line, Func<(string Name, char? Type, string? Sru), (string Name, char? Type, string? Sru)> change)
    {
        var number = Field(record, 0);
        if (accounts.Count >= MaxAccounts && !accounts.ContainsKey(number))
            throw TooManyAccounts(record, line);
        accounts[number] = change(accounts.GetValueOrDefault(number, ("", null, null)));
    }

    private static SieFormatException TooManyAccounts(SieRecord record, int line) =>
        new(line, record.Label, $"the file names more than {MaxAccounts:N0} accounts, more than the BAS range 1000–8999 holds");

    private static string Field(SieRecord record, int index) => index < record.Fields.Count ? record.Fields[index].Text : "";

    private static int Int(SieRecord record, int index, int line) =>
        int.TryParse(Field(record, index), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new SieFormatException(line, record.Label, $"'{Field(record, index)}' is not a number");

    private static DateOnly Date(SieRecord record, int index, int line)
    {
        if (!DateOnly.TryParseExact(Field(record, index), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw new SieFormatException(line, record.Label, $"'{Field(record, index)}' is not a date (YYYYMMDD)");
        if (!BookkeepingDates.Contains(date))
            throw new SieFormatException(line, record.Label, $"{date:yyyy-MM-dd} is not {BookkeepingDates.Window}");
        return date;
    }

    private static long Amount(SieRecord record, int index, int line) =>
        CleanLedger.Domain.Common.Money.TryParseKronor(Field(record, index), out var ore) && Math.Abs(ore) <= VerificationLimits.MaxLineOre
            ? ore
            : throw new SieFormatException(line, record.Label, $"'{Field(record, index)}' is not an amount with at most two decimals within ±{CleanLedger.Domain.Common.Money.FormatKronor(VerificationLimits.MaxLineOre)} kr");

    /// <summary>CP437 lines from a stream, refusing the first line past the length or count limit before it is held whole.</summary>
    private sealed class LineReader(Stream content, SieReaderOptions limits) : IDisposable
    {
        private const int BufferSize = 64 * 1024;
        private readonly StreamReader _reader = new(content, SieEncoding.Pc8, detectEncodingFromByteOrderMarks: false, BufferSize, leaveOpen: true);
        private readonly char[] _buffer = new char[BufferSize];
        private readonly System.Text.StringBuilder _line = new();
        private int _position;
        private int _length;

        /// <summary>The number of the line last read (1-based).</summary>
        public int Number { get; private set; }

        public async ValueTask<string?> ReadAsync(CancellationToken cancellationToken)
        {
            _line.Clear();
            while (true)
            {
                if (_position == _length)
                {
                    (_position, _length) = (0, await _reader.ReadAsync(_buffer, cancellationToken));
                    if (_length == 0)
                        return _line.Length > 0 ? Take() : null;
                }

                var end = Array.IndexOf(_buffer, '\n', _position, _length - _position);
                var count = (end < 0 ? _length : end) - _position;
                // One more for the CR of a CRLF line end.
                if (_line.Length + count > limits.MaxLineLength + 1)
                    throw TooLong();
                _line.Append(_buffer, _position, count);
                _position += count;
                if (end >= 0)
                {
                    _position++;
                    return Take();
                }
            }
        }

        public void Dispose() => _reader.Dispose();

        private string Take()
        {
            if (_line.Length > 0 && _line[^1] == '\r')
                _line.Length--;
            if (_line.Length > limits.MaxLineLength)
                throw TooLong();
            if (++Number > limits.MaxLines)
                throw new SieFormatException(Number, "line", $"the file has more than {limits.MaxLines:N0} lines (Sie:Import:MaxLines)");
            return _line.ToString();
        }

        private SieFormatException TooLong() =>
            new(Number + 1, "line", $"longer than {limits.MaxLineLength:N0} characters (Sie:Import:MaxLineLength)");
    }
}
