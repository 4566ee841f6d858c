using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.FiscalYears;
using CleanLedger.Domain.Ledger.Verifications;

namespace CleanLedger.Application.Sie.ImportSie;

/// <summary>A series' numbering after the import: its highest number from the file, then the file's unnumbered vouchers after it.</summary>
public sealed record SieSeriesTail(Guid FiscalYearId, string Series, long LastNumbered, int Unnumbered)
{
    public long Last => LastNumbered + Unnumbered;
}

/// <summary>Everything the switch-over writes besides the staged vouchers.</summary>
public sealed record SieImportPlan(
    IReadOnlyList<FiscalYear> NewYears,
    IReadOnlyList<Guid> TargetYears,
    Guid? CurrentYearId,
    IReadOnlyDictionary<int, long> OpeningBalances,
    IReadOnlyList<Account> Accounts,
    IReadOnlyList<SieSeriesTail> Tails,
    int Vouchers);

/// <summary>An import the books cannot take: the problem names the line where the file shows it.</summary>
public sealed class SieImportRefusedException(SieImportProblem problem) : Exception(problem.Message)
{
    public SieImportProblem Problem { get; } = problem;
}

/// <summary>
/// Decides, entry by entry as the file is read, where each voucher goes and whether the books can
/// take it — fiscal years (the organisation's and the file's #RAR), an empty target year, series,
/// texts, unique numbers, BAS accounts — so that a refusal names its line and the switch-over has
/// nothing left to judge. Holds only what the decisions need: the years, the numbers seen and the
/// accounts used (at most the BAS range).
/// </summary>
public sealed partial class SieImportPlanner(IReadOnlyList<SieTargetYear> existing, DateTimeOffset now)
{
    private readonly List<SieTargetYear> _years = existing.ToList();
    private readonly List<FiscalYear> _newYears = [];
    private readonly HashSet<Guid> _targets = [];
    private readonly HashSet<(Guid Year, string Series, long Number)> _numbers = [];
    private readonly Dictionary<(Guid Year, string Series), (long LastNumbered, int Unnumbered)> _series = [];
    private readonly HashSet<int> _usedAccounts = [];
    private (int Line, string Record, string Number)? _invalidAccount;
    private FiscalYear? _current;
    private int _seq;
    private long _rows;

    /// <summary>A #RAR: the organisation's year with the same dates, or a new one that must not overlap another.</summary>
    public void Add(SieFiscalYear wanted)
    {
        var year = _years.FirstOrDefault(target => target.Year.Start == wanted.Start && target.Year.End == wanted.End);
        if (year is null)
        {
            FiscalYear created;
            try
            {
                created = new FiscalYear(Guid.CreateVersion7(now), wanted.Start, wanted.End);
            }
            catch (DomainException invalid)
            {
                throw Refuse(invalid.Code, wanted.Line, "#RAR", invalid.Message);
            }

            if (_years.FirstOrDefault(target => target.Year.Overlaps(created)) is { } overlapping)
            {
                throw Refuse("sie.fiscal_year_overlap", wanted.Line, "#RAR",
                    $"the file's fiscal year {wanted.Start:yyyy-MM-dd}–{wanted.End:yyyy-MM-dd} overlaps {overlapping.Year.Start:yyyy-MM-dd}–{overlapping.Year.End:yyyy-MM-dd}.");
            }

            year = new SieTargetYear(created, HasBooks: false);
            _years.Add(year);
            _newYears.Add(created);
        }

        if (wanted.Index == 0)
        {
            Target(year, wanted.Line, "#RAR");
            _current = year.Year;
        }
    }

    /// <summary>The voucher as it will be staged, or null when it has no amounts (annulled in the source: its number stays a gap).</summary>
    public StagedVoucher? Place(SieVoucher voucher)
    {
        if (voucher.Rows.All(row => row.Ore == 0))
            return null;

        var year = _years.FirstOrDefault(target => target.Year.Contains(voucher.Date))
            ?? throw Refuse("sie.outside_fiscal_years", voucher.Line, "#VER", $"{voucher.Date:yyyy-MM-dd} lies in none of the organisation's fiscal years.");
        Target(year, voucher.Line, "#VER");
        var series = voucher.Series ?? VerificationDraft.DefaultSeries;
        if (!SeriesPattern().IsMatch(series))
            throw Refuse("sie.series_invalid", voucher.Line, "#VER", $"series '{series}' is not 1 to 4 letters or digits.");
        if (voucher.Text.Length > Verification.MaxDescriptionLength)
            throw Refuse("sie.text_too_long", voucher.Line, "#VER", $"the text is longer than {Verification.MaxDescriptionLength} characters.");

        var rows = new List<StagedRow>(voucher.Rows.Count);
        foreach (var row in voucher.Rows.Where(row => row.Ore != 0))
        {
            if (Use(row.Account, voucher.Line, "#TRANS") is { } account)
                rows.Add(new StagedRow(account.Value, Math.Max(row.Ore, 0), Math.Max(-row.Ore, 0)));
        }

        var tail = _series.GetValueOrDefault((year.Year.Id, series));
        int? unnumbered = null;
        if (voucher.Number is { } number)
        {
            if (!_numbers.Add((year.Year.Id, series, number)))
                throw Refuse("sie.duplicate_number", voucher.Line, "#VER", $"{series} {number} appears twice.");
            tail.LastNumbered = Math.Max(tail.LastNumbered, number);
        }
        else
        {
            unnumbered = ++tail.Unnumbered;
        }

        _series[(year.Year.Id, series)] = tail;
        var registered = voucher.Registered is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : now;
        var firstRow = _rows;
        _rows += rows.Count;
        return new StagedVoucher(++_seq, Guid.CreateVersion7(now), year.Year.Id, series, voucher.Number, unnumbered, voucher.Date, registered,
            voucher.Text, voucher.DebitOre, voucher.Line, firstRow, rows);
    }

    /// <summary>After the last line: the chart the vouchers and balances need, the opening balances and where each series continues.</summary>
    public SieImportPlan Complete(SieEnd end)
    {
        var declared = end.Accounts.ToDictionary(account => account.Number, StringComparer.Ordinal);
        foreach (var number in declared.Keys.Concat(end.OpeningBalances.Keys))
            Use(number, end.Line, "#KONTO");
        if (_invalidAccount is { } invalid)
            throw Refuse("sie.account_invalid", invalid.Line, invalid.Record, $"account '{invalid.Number}' is not a BAS account (1000–8999).");

        var tails = _series.Select(series => new SieSeriesTail(series.Key.Year, series.Key.Series, series.Value.LastNumbered, series.Value.Unnumbered)).ToList();
        if (tails.FirstOrDefault(tail => tail.Last > SieLimits.MaxVoucherNumber) is { } full)
            throw Refuse("sie.number_too_large", end.Line, "#VER", $"series {full.Series} would be numbered past {SieLimits.MaxVoucherNumber:N0}.");

        var bas = BasChart.SmallBusinessAccounts.ToDictionary(account => account.Number.Value);
        var declaredByNumber = declared.Values.ToDictionary(account => AccountNumber.Parse(account.Number).Value);
        var accounts = _usedAccounts.Order().Select(number => ToAccount(new AccountNumber(number), declaredByNumber.GetValueOrDefault(number), bas.GetValueOrDefault(number))).ToList();
        var opening = _current is null
            ? new Dictionary<int, long>()
            : end.OpeningBalances.Where(balance => balance.Value != 0).ToDictionary(balance => AccountNumber.Parse(balance.Key).Value, balance => balance.Value);
        return new SieImportPlan(_newYears, _targets.ToList(), _current?.Id, opening, accounts, tails, _seq);
    }

    private void Target(SieTargetYear year, int line, string record)
    {
        if (year.HasBooks)
        {
            throw new SieImportRefusedException(new SieImportProblem("sie.year_has_verifications",
                $"Line {line}, {record}: the fiscal year {year.Year.Start:yyyy-MM-dd}–{year.Year.End:yyyy-MM-dd} already has verifications or opening balances; import into an empty year.", line, record));
        }

        _targets.Add(year.Year.Id);
    }

    // An account outside BAS is reported once the whole file is read, after every other kind of
    // refusal: a file is refused for its first structural fault, as before streaming.
    private AccountNumber? Use(string number, int line, string record)
    {
        if (!AccountNumber.TryParse(number, out var account))
        {
            _invalidAccount ??= (line, record, number);
            return null;
        }

        _usedAccounts.Add(account.Value);
        return account;
    }

    // Names are cut to the chart's 100 characters; an SRU code that is not one is left out.
    private static Account ToAccount(AccountNumber number, SieAccount? sie, Account? known)
    {
        var name = sie?.Name is { Length: > 0 } declaredName ? declaredName[..Math.Min(declaredName.Length, 100)] : known?.Name ?? $"Konto {number.Value}";
        var sru = sie?.Sru is { Length: >= 4 and <= 5 } code && code.All(char.IsAsciiDigit) ? code : known?.SruCode;
        return new Account(number, name, TypeOf(sie?.Type, number), known?.DefaultVatCode ?? VatCode.None, sru, known?.InputVatDeductible ?? true);
    }

    private static AccountType TypeOf(char? sieType, AccountNumber number) => sieType switch
    {
        'T' => AccountType.Asset,
        'S' => AccountType.Liability,
        'I' => AccountType.Revenue,
        'K' => AccountType.Expense,
        _ => number.Class switch { 1 => AccountType.Asset, 2 => AccountType.Liability, 3 => AccountType.Revenue, _ => AccountType.Expense },
    };

    private static SieImportRefusedException Refuse(string code, int line, string record, string problem) =>
        new(new SieImportProblem(code, $"Line {line}, {record}: {problem}", line, record));

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9]{1,4}$")]
    private static partial System.Text.RegularExpressions.Regex SeriesPattern();
}
