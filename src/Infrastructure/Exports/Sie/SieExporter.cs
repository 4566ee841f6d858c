using CleanLedger.Application.Sie.ExportSie;
using CleanLedger.Application.Ledger;
using CleanLedger.Application.Organizations;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.FiscalYears;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Infrastructure.Persistence.Reports;

namespace CleanLedger.Infrastructure.Exports.Sie;

/// <summary>
/// SIE 4E per SIE 4B: mandatory records in order, #KTYP and #SRU, #IB/#UB for balance accounts
/// (classes 1–2) and #RES for result accounts (3–8), every verification with its rows, all inside
/// #KSUMMA. Verification rows are streamed from the database.
/// </summary>
public sealed class SieExporter(DbSession session, IChartOfAccounts chart, TimeProvider clock) : ISieExporter
{
    public async Task WriteAsync(OrganizationDetails organization, FiscalYear year, FiscalYear? previous, Stream output, CancellationToken cancellationToken)
    {
        var orgId = organization.Id;
        var writer = new SieWriter(output);
        await writer.RecordAsync("#FLAGGA", cancellationToken, SieValue.Number(0));
        await writer.OpenChecksumAsync(cancellationToken);
        await writer.RecordAsync("#PROGRAM", cancellationToken, SieValue.Text("CleanLedger"), SieValue.Token("1.0"));
        await writer.RecordAsync("#FORMAT", cancellationToken, SieValue.Token("PC8"));
        await writer.RecordAsync("#GEN", cancellationToken, SieValue.Date(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
        await writer.RecordAsync("#SIETYP", cancellationToken, SieValue.Number(4));
        await writer.RecordAsync("#ORGNR", cancellationToken, SieValue.Token(organization.OrgNumber));
        await writer.RecordAsync("#FNAMN", cancellationToken, SieValue.Text(organization.Name));
        await writer.RecordAsync("#RAR", cancellationToken, SieValue.Number(0), SieValue.Date(year.Start), SieValue.Date(year.End));
        if (previous is not null)
            await writer.RecordAsync("#RAR", cancellationToken, SieValue.Number(-1), SieValue.Date(previous.Start), SieValue.Date(previous.End));
        await writer.RecordAsync("#KPTYP", cancellationToken, SieValue.Token("EUBAS97"));

        var accounts = await chart.ListAsync(orgId, cancellationToken);
        foreach (var account in accounts)
        {
            await writer.RecordAsync("#KONTO", cancellationToken, SieValue.Token(account.Number.ToString()), SieValue.Text(account.Name));
            await writer.RecordAsync("#KTYP", cancellationToken, SieValue.Token(account.Number.ToString()), SieValue.Token(TypeCode(account.Type)));
            if (account.SruCode is not null)
                await writer.RecordAsync("#SRU", cancellationToken, SieValue.Token(account.Number.ToString()), SieValue.Token(account.SruCode));
        }

        await WriteBalancesAsync(writer, orgId, year, previous, cancellationToken);
        await WriteVerificationsAsync(writer, orgId, year, cancellationToken);
        await writer.CloseChecksumAsync(cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }

    private async Task WriteBalancesAsync(SieWriter writer, Guid orgId, FiscalYear year, FiscalYear? previous, CancellationToken cancellationToken)
    {
        // The year opens from the latest stored opening balances (imported #IB) at or before it, plus
        // everything posted between those balances and the year's start.
        // Summed wide (ADR 0016): a year's balances have no ceiling, only its lines do.
        var rows = await session.QueryAsync<(int Account, long BeforeHigh, long BeforeLow, long DuringHigh, long DuringLow)>(
            $"""
            WITH base AS (
                SELECT fy.id, fy.start_date FROM fiscal_years fy
                WHERE fy.org_id = @orgId AND fy.start_date <= @start
                  AND EXISTS (SELECT 1 FROM opening_balances ob WHERE ob.org_id = fy.org_id AND ob.fiscal_year_id = fy.id)
                ORDER BY fy.start_date DESC LIMIT 1),
            movements AS (
                SELECT l.account AS account,
                       CASE WHEN v.date < @start THEN l.debit_ore - l.credit_ore ELSE 0 END AS before,
                       CASE WHEN v.date >= @start THEN l.debit_ore - l.credit_ore ELSE 0 END AS during
                FROM verification_lines l JOIN verifications v ON v.id = l.verification_id
                WHERE l.org_id = @orgId AND v.date <= @end
                  AND v.date >= coalesce((SELECT start_date FROM base), v.date)
                UNION ALL
                SELECT ob.account, ob.amount_ore, 0 FROM opening_balances ob
                WHERE ob.org_id = @orgId AND ob.fiscal_year_id = (SELECT id FROM base))
            SELECT account, {WideSum.Of("before", "before")}, {WideSum.Of("during", "during")}
            FROM movements GROUP BY account ORDER BY account
            """,
            new { orgId, start = year.Start, end = year.End },
            cancellationToken);
        var sums = rows.Select(row => (row.Account, Before: WideSum.Join(row.BeforeHigh, row.BeforeLow), During: WideSum.Join(row.DuringHigh, row.DuringLow))).ToList();

        foreach (var (account, before, during) in sums.Where(sum => sum.Account < 3000))
        {
            if (before != 0)
            {
                await writer.RecordAsync("#IB", cancellationToken, SieValue.Number(0), SieValue.Number(account), SieValue.Amount(before));
                if (previous is not null)
                    await writer.RecordAsync("#UB", cancellationToken, SieValue.Number(-1), SieValue.Number(account), SieValue.Amount(before));
            }

            if (before + during != 0)
                await writer.RecordAsync("#UB", cancellationToken, SieValue.Number(0), SieValue.Number(account), SieValue.Amount(before + during));
        }

        foreach (var (account, _, during) in sums.Where(sum => sum.Account >= 3000 && sum.During != 0))
            await writer.RecordAsync("#RES", cancellationToken, SieValue.Number(0), SieValue.Number(account), SieValue.Amount(during));
    }

    private async Task WriteVerificationsAsync(SieWriter writer, Guid orgId, FiscalYear year, CancellationToken cancellationToken)
    {
        Guid? current = null;
        await foreach (var row in session.StreamAsync<VerificationRow>(
            """
            SELECT v.id AS Id, v.series AS Series, v.number AS Number, v.date AS Date, v.description AS Description,
                   v.registered_at AS RegisteredAt, l.account AS Account, l.debit_ore - l.credit_ore AS Amount
            FROM verifications v JOIN verification_lines l ON l.verification_id = v.id
            WHERE v.org_id = @orgId AND v.date >= @start AND v.date <= @end
            ORDER BY v.series, v.number, l.line_no
            """,
            new { orgId, start = year.Start, end = year.End },
            cancellationToken))
        {
            if (row.Id != current)
            {
                if (current is not null)
                    await writer.BraceAsync(open: false, cancellationToken);
                await writer.RecordAsync("#VER", cancellationToken, SieValue.Token(row.Series), SieValue.Number(row.Number), SieValue.Date(row.Date),
                    SieValue.Text(row.Description), SieValue.Date(DateOnly.FromDateTime(row.RegisteredAt.UtcDateTime)));
                await writer.BraceAsync(open: true, cancellationToken);
                current = row.Id;
            }

            await writer.RecordAsync("#TRANS", cancellationToken, SieValue.Number(row.Account), SieValue.NoObjects, SieValue.Amount(row.Amount));
        }

        if (current is not null)
            await writer.BraceAsync(open: false, cancellationToken);
    }

    private static string TypeCode(AccountType type) => type switch
    {
        AccountType.Asset => "T",
        AccountType.Liability => "S",
        AccountType.Revenue => "I",
        _ => "K",
    };

    private sealed class VerificationRow
    {
        public Guid Id { get; init; }

        public string Series { get; init; } = "";

        public long Number { get; init; }

        public DateOnly Date { get; init; }

        public string Description { get; init; } = "";

        public DateTimeOffset RegisteredAt { get; init; }

        public long Account { get; init; }

        public long Amount { get; init; }
    }
}
