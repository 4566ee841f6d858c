using CleanLedger.Application.Ledger;
using CleanLedger.Domain.Ledger.FiscalYears;

namespace CleanLedger.Infrastructure.Persistence.Ledger;

public sealed class FiscalYearStore(DbSession session) : IFiscalYearStore
{
    public async Task<IReadOnlyList<FiscalYear>> ListAsync(Guid orgId, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<(Guid Id, DateOnly Start, DateOnly End, bool Closed)>(
            "SELECT id, start_date, end_date, is_closed FROM fiscal_years WHERE org_id = @orgId ORDER BY start_date",
            new { orgId },
            cancellationToken);
        return rows.Select(row => new FiscalYear(row.Id, row.Start, row.End, row.Closed)).ToList();
    }

    public Task InsertAsync(Guid orgId, FiscalYear year, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO fiscal_years (id, org_id, start_date, end_date, is_closed, created_at)
            VALUES (@Id, @orgId, @Start, @End, @IsClosed, @now)
            """,
            new { year.Id, orgId, year.Start, year.End, year.IsClosed, now },
            cancellationToken);
}
