using CleanLedger.Application.Ledger;
using CleanLedger.Domain.Ledger.FiscalYears;

namespace CleanLedger.Infrastructure.Persistence.Ledger;

public sealed class PeriodStore(DbSession session) : IPeriodStore
{
    /// <summary>Locking again keeps the first lock's time and author.</summary>
    public Task LockAsync(Guid orgId, PeriodId period, Guid lockedBy, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO period_states (org_id, period, locked_at, locked_by) VALUES (@orgId, @period, @now, @lockedBy)
            ON CONFLICT (org_id, period) DO UPDATE
            SET locked_at = coalesce(period_states.locked_at, excluded.locked_at),
                locked_by = coalesce(period_states.locked_by, excluded.locked_by)
            """,
            new { orgId, period = period.ToString(), now, lockedBy },
            cancellationToken);

    public Task MarkVatFiledAsync(Guid orgId, PeriodId period, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO period_states (org_id, period, vat_filed_at) VALUES (@orgId, @period, @now)
            ON CONFLICT (org_id, period) DO UPDATE SET vat_filed_at = coalesce(period_states.vat_filed_at, excluded.vat_filed_at)
            """,
            new { orgId, period = period.ToString(), now },
            cancellationToken);
}
