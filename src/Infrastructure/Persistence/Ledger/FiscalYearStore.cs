using CleanLedger.Application.Ledger;
using CleanLedger.Domain.Ledger.FiscalYears;

namespace CleanLedger.Infrastructure.Persistence.Ledger;

public sealed class FiscalYearStore(DbSession session) : IFiscalYearStore
{
    internal const string SelectSql = "SELECT id, start_date, end_date, is_closed FROM fiscal_years WHERE org_id = @orgId ORDER BY start_date";

    public async Task<IReadOnlyList<FiscalYear>> ListAsync(Guid orgId, CancellationToken cancellationToken) =>
        (await session.QueryAsync<(Guid Id, DateOnly Start, DateOnly End, bool Closed)>(SelectSql, new { orgId }, cancellationToken))
            .Select(ToFiscalYear).ToList();

    internal static FiscalYear ToFiscalYear((Guid Id, DateOnly Start, DateOnly End, bool Closed) row) => new(row.Id, row.Start, row.End, row.Closed);

    public Task InsertAsync(Guid orgId, FiscalYear year, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO fiscal_years (id, org_id, start_date, end_date, is_closed, created_at)
            VALUES (@Id, @orgId, @Start, @End, @IsClosed, @now)
            """,
            new { year.Id, orgId, year.Start, year.End, year.IsClosed, now },
            cancellationToken);
}
