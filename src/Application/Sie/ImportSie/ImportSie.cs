using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Documents;
using CleanLedger.Application.Ledger;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.FiscalYears;
using CleanLedger.Domain.Ledger.Verifications;
using Mediator;

namespace CleanLedger.Application.Sie.ImportSie;

/// <summary>
/// Takes another program's books in (SIE 4E or 4I): the fiscal years named by #RAR when missing,
/// then accounts, opening balances and verifications with their original series and numbers.
/// A fiscal year that already has verifications is never imported into (409); a file the reader
/// refuses changes nothing.
/// </summary>
public sealed record ImportSie(Guid OrgId, IncomingFile File) : ICommand<SieImported>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ImportBooks;
}

public sealed record SieImported(int FiscalYearsCreated, int AccountsAdded, int VerificationsImported, IReadOnlyList<string> Warnings);

public sealed partial class ImportSieHandler(
    ISieReader reader,
    IFiscalYearStore fiscalYears,
    IChartOfAccounts chart,
    ILedgerStore ledger,
    IAuditTrail audit,
    ICurrentUser user,
    TimeProvider clock) : ICommandHandler<ImportSie, SieImported>
{
    public async ValueTask<SieImported> Handle(ImportSie command, CancellationToken cancellationToken)
    {
        var books = await reader.ReadAsync(command.File.Path, cancellationToken);
        var now = clock.GetUtcNow();
        var orgId = command.OrgId;
        var warnings = books.Warnings.ToList();
        // A voucher without rows (annulled in the source) cannot be a verification; its number stays a gap, as in the source.
        foreach (var empty in books.Vouchers.Where(voucher => voucher.Rows.All(row => row.Ore == 0)))
            warnings.Add($"Line {empty.Line}, #VER: {empty.Series} {empty.Number} has no amounts and was not imported.");
        books = books with { Vouchers = books.Vouchers.Where(voucher => voucher.Rows.Any(row => row.Ore != 0)).ToList() };

        var (years, created) = await EnsureFiscalYearsAsync(orgId, books, now, cancellationToken);
        var placed = books.Vouchers.Select(voucher => (Voucher: voucher, Year: years.FirstOrDefault(year => year.Contains(voucher.Date))
            ?? throw new DomainException("sie.outside_fiscal_years", $"Line {voucher.Line}, #VER: {voucher.Date:yyyy-MM-dd} lies in none of the organisation's fiscal years."))).ToList();
        var current = books.FiscalYears.FirstOrDefault(year => year.Index == 0) is { } zero ? years.First(year => year.Start == zero.Start) : null;
        foreach (var year in placed.Select(item => item.Year).Append(current).OfType<FiscalYear>().Distinct())
        {
            if (await ledger.HasBooksAsync(orgId, year.Id, cancellationToken))
                throw new ConflictException("sie.year_has_verifications", $"The fiscal year {year.Start:yyyy-MM-dd}–{year.End:yyyy-MM-dd} already has verifications or opening balances; import into an empty year.");
        }

        foreach (var (voucher, _) in placed)
        {
            if (voucher.Series is { } series && !SeriesPattern().IsMatch(series))
                throw new DomainException("sie.series_invalid", $"Line {voucher.Line}, #VER: series '{series}' is not 1 to 4 letters or digits.");
            if (voucher.Text.Length > Verification.MaxDescriptionLength)
                throw new DomainException("sie.text_too_long", $"Line {voucher.Line}, #VER: the text is longer than {Verification.MaxDescriptionLength} characters.");
        }

        var added = await AddAccountsAsync(orgId, books, now, cancellationToken);
        if (current is not null)
        {
            await ledger.InsertOpeningBalancesAsync(orgId, current.Id,
                books.OpeningBalances.Where(balance => balance.Value != 0).ToDictionary(balance => AccountNumber.Parse(balance.Key).Value, balance => balance.Value), cancellationToken);
        }

        await ImportVerificationsAsync(orgId, placed, now, cancellationToken);
        await audit.RecordAsync(orgId, "books.imported", $"sie/{command.File.Sha256}",
            new { command.File.FileName, FiscalYearsCreated = created, AccountsAdded = added, Verifications = placed.Count }, cancellationToken);
        return new SieImported(created, added, placed.Count, warnings);
    }

    private async Task<(List<FiscalYear> Years, int Created)> EnsureFiscalYearsAsync(Guid orgId, SieBooks books, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var years = (await fiscalYears.ListAsync(orgId, cancellationToken)).ToList();
        var created = 0;
        foreach (var wanted in books.FiscalYears.OrderBy(year => year.Start))
        {
            if (years.Any(year => year.Start == wanted.Start && year.End == wanted.End))
                continue;
            var year = new FiscalYear(Guid.CreateVersion7(now), wanted.Start, wanted.End);
            if (years.FirstOrDefault(year.Overlaps) is { } overlapping)
                throw new ConflictException("sie.fiscal_year_overlap", $"The file's fiscal year {wanted.Start:yyyy-MM-dd}–{wanted.End:yyyy-MM-dd} overlaps {overlapping.Start:yyyy-MM-dd}–{overlapping.End:yyyy-MM-dd}.");
            await fiscalYears.InsertAsync(orgId, year, now, cancellationToken);
            years.Add(year);
            created++;
        }

        return (years, created);
    }

    private async Task<int> AddAccountsAsync(Guid orgId, SieBooks books, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = (await chart.ListAsync(orgId, cancellationToken)).Select(account => account.Number.Value).ToHashSet();
        var bas = BasChart.SmallBusinessAccounts.ToDictionary(account => account.Number.Value);
        var declared = books.Accounts.ToDictionary(account => account.Number, StringComparer.Ordinal);
        var used = books.Vouchers.SelectMany(voucher => voucher.Rows.Select(row => row.Account))
            .Concat(books.OpeningBalances.Keys).Concat(declared.Keys).Distinct(StringComparer.Ordinal);

        var missing = new List<Account>();
        foreach (var number in used)
        {
            if (!AccountNumber.TryParse(number, out var account))
                throw new DomainException("sie.account_invalid", $"Account '{number}' is not a BAS account (1000–8999).");
            if (existing.Contains(account.Value))
                continue;
            var sie = declared.GetValueOrDefault(number);
            var known = bas.GetValueOrDefault(account.Value);
            // Names are cut to the chart's 100 characters; an SRU code that is not one is left out.
            var name = sie?.Name is { Length: > 0 } declaredName ? declaredName[..Math.Min(declaredName.Length, 100)] : known?.Name ?? $"Konto {number}";
            var sru = sie?.Sru is { Length: >= 4 and <= 5 } code && code.All(char.IsAsciiDigit) ? code : known?.SruCode;
            missing.Add(new Account(account, name, TypeOf(sie?.Type, account), known?.DefaultVatCode ?? VatCode.None, sru, known?.InputVatDeductible ?? true));
        }

        if (missing.Count > 0)
            await chart.AddAsync(orgId, missing, now, cancellationToken);
        return missing.Count;
    }

    private async Task ImportVerificationsAsync(Guid orgId, List<(SieVoucher Voucher, FiscalYear Year)> placed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var duplicate = placed.Where(item => item.Voucher.Number is not null)
            .GroupBy(item => (item.Year.Id, Series: item.Voucher.Series ?? VerificationDraft.DefaultSeries, item.Voucher.Number))
            .FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw new DomainException("sie.duplicate_number", $"Line {duplicate.Last().Voucher.Line}, #VER: {duplicate.Key.Series} {duplicate.Key.Number} appears twice.");

        var last = new Dictionary<(Guid Year, string Series), long>();
        foreach (var (voucher, year) in placed.Where(item => item.Voucher.Number is not null))
            Track(last, year.Id, voucher.Series ?? VerificationDraft.DefaultSeries, voucher.Number!.Value);
        foreach (var ((yearId, series), number) in last)
            await ledger.ContinueSeriesAfterAsync(orgId, yearId, series, number, cancellationToken);

        var verifications = new List<Verification>(placed.Count);
        foreach (var (voucher, year) in placed)
        {
            var series = voucher.Series ?? VerificationDraft.DefaultSeries;
            var number = voucher.Number ?? await ledger.AllocateNumberAsync(orgId, year.Id, series, cancellationToken);
            var lines = voucher.Rows.Where(row => row.Ore != 0)
                .Select(row => new VerificationLine(AccountNumber.Parse(row.Account), Math.Max(row.Ore, 0), Math.Max(-row.Ore, 0))).ToList();
            var draft = new VerificationDraft(voucher.Date, voucher.Text, null, series, lines, []);
            var registered = voucher.Registered is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : now;
            verifications.Add(Verification.Post(draft, Guid.CreateVersion7(now), year.Id, number, registered, user.UserId));
        }

        await ledger.InsertImportedAsync(orgId, verifications, cancellationToken);
    }

    private static void Track(Dictionary<(Guid, string), long> last, Guid year, string series, long number) =>
        last[(year, series)] = Math.Max(last.GetValueOrDefault((year, series)), number);

    private static AccountType TypeOf(char? sieType, AccountNumber number) => sieType switch
    {
        'T' => AccountType.Asset,
        'S' => AccountType.Liability,
        'I' => AccountType.Revenue,
        'K' => AccountType.Expense,
        _ => number.Class switch { 1 => AccountType.Asset, 2 => AccountType.Liability, 3 => AccountType.Revenue, _ => AccountType.Expense },
    };

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9]{1,4}$")]
    private static partial System.Text.RegularExpressions.Regex SeriesPattern();
}
