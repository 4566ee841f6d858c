using System.Globalization;
using CleanLedger.Application.Sie.ImportSie;

namespace CleanLedger.Infrastructure.Exports.Sie;

/// <summary>
/// A tolerant, exact SIE 4 reader (SIE 4B): spaces or TABs, quoted or bare fields, blank lines,
/// extra trailing fields and unknown records (skipped with a warning) are accepted; amounts with
/// more than two decimals, vouchers that do not balance, a broken #KSUMMA or a truncated voucher
/// block are refused naming the line.
/// </summary>
public sealed class SieReader : ISieReader
{
    private static readonly HashSet<string> KnownButUnused = new(StringComparer.Ordinal)
    {
        "#FLAGGA", "#PROGRAM", "#FORMAT", "#GEN", "#SIETYP", "#PROSA", "#FTYP", "#FNR", "#ORGNR", "#BKOD", "#ADRESS",
        "#TAXAR", "#OMFATTN", "#KPTYP", "#VALUTA", "#ENHET", "#DIM", "#UNDERDIM", "#OBJEKT", "#UB", "#OIB", "#OUB", "#RES",
        "#PSALDO", "#PBUDGET", "#BTRANS",
    };

    public async Task<SieBooks> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(path, SieEncoding.Pc8, cancellationToken);
        string? company = null;
        var years = new List<SieFiscalYear>();
        var accounts = new Dictionary<string, (string Name, char? Type, string? Sru)>(StringComparer.Ordinal);
        var opening = new Dictionary<string, long>(StringComparer.Ordinal);
        var vouchers = new List<SieVoucher>();
        var warnings = new List<string>();
        SieChecksum? checksum = null;
        (int Line, SieRecord Record, List<SieRow> Rows)? voucher = null;
        var inBlock = false;
        var skipNextTrans = false;

        for (var index = 0; index < lines.Length; index++)
        {
            var number = index + 1;
            var text = lines[index].Trim();
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
                vouchers.Add(Finish(open));
                (voucher, inBlock, skipNextTrans) = (null, false, false);
                continue;
            }

            var record = SieRecord.Parse(text) ?? throw new SieFormatException(number, text.Split(' ')[0], "a record must start with a # label");
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
                    years.Add(new SieFiscalYear(Int(record, 0, number), Date(record, 1, number), Date(record, 2, number)));
                    break;
                case "#RAR":
                    warnings.Add($"Line {number}, #RAR: no dates; the organisation's own fiscal years are used.");
                    break;
                case "#KONTO":
                    accounts[Field(record, 0)] = (Field(record, 1), accounts.GetValueOrDefault(Field(record, 0)).Type, accounts.GetValueOrDefault(Field(record, 0)).Sru);
                    break;
                case "#KTYP":
                    Update(accounts, Field(record, 0), account => account with { Type = Field(record, 1) is [var type] ? char.ToUpperInvariant(type) : null });
                    break;
                case "#SRU":
                    Update(accounts, Field(record, 0), account => account with { Sru = Field(record, 1) });
                    break;
                case "#IB" when Field(record, 0) == "0":
                    opening[Field(record, 1)] = Amount(record, 2, number);
                    break;
                case "#IB":
                    break;
                case "#VER":
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

                    // An #RTRANS (row added later) is followed by the same row as #TRANS for older readers.
                    skipNextTrans = record.Label == "#RTRANS";
                    current.Rows.Add(new SieRow(Field(record, 0), Amount(record, 2, number)));
                    break;
                default:
                    if (!KnownButUnused.Contains(record.Label))
                        warnings.Add($"Line {number}, {record.Label}: unknown record, skipped.");
                    break;
            }
        }

        if (voucher is { } unfinished)
            throw new SieFormatException(unfinished.Line, "#VER", "the voucher's block is not closed: the file is truncated");
        if (checksum is not null)
            throw new SieFormatException(lines.Length, "#KSUMMA", "the closing #KSUMMA is missing: the file is truncated");

        return new SieBooks(
            company,
            years,
            accounts.Select(account => new SieAccount(account.Key, account.Value.Name, account.Value.Type, account.Value.Sru)).ToList(),
            opening,
            vouchers,
            warnings);
    }

    private static SieVoucher Finish((int Line, SieRecord Record, List<SieRow> Rows) voucher)
    {
        var (line, record, rows) = voucher;
        var sum = rows.Sum(row => row.Ore);
        if (sum != 0)
            throw new SieFormatException(line, "#VER", $"voucher {Field(record, 0)} {Field(record, 1)} does not balance: its rows sum to {CleanLedger.Domain.Common.Money.FormatKronor(sum)}");

        var number = Field(record, 1);
        return new SieVoucher(
            line,
            Field(record, 0) is { Length: > 0 } series ? series : null,
            long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed : null,
            Date(record, 2, line),
            Field(record, 3),
            Field(record, 4) is { Length: 8 } ? Date(record, 4, line) : null,
            rows);
    }

    private static void Update(Dictionary<string, (string Name, char? Type, string? Sru)> accounts, string number, Func<(string Name, char? Type, string? Sru), (string Name, char? Type, string? Sru)> change) =>
        accounts[number] = change(accounts.GetValueOrDefault(number, ("", null, null)));

    private static string Field(SieRecord record, int index) => index < record.Fields.Count ? record.Fields[index].Text : "";

    private static int Int(SieRecord record, int index, int line) =>
        int.TryParse(Field(record, index), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new SieFormatException(line, record.Label, $"'{Field(record, index)}' is not a number");

    private static DateOnly Date(SieRecord record, int index, int line) =>
        DateOnly.TryParseExact(Field(record, index), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new SieFormatException(line, record.Label, $"'{Field(record, index)}' is not a date (YYYYMMDD)");

    private static long Amount(SieRecord record, int index, int line) =>
        CleanLedger.Domain.Common.Money.TryParseKronor(Field(record, index), out var ore)
            ? ore
            : throw new SieFormatException(line, record.Label, $"'{Field(record, index)}' is not an amount with at most two decimals");
}
