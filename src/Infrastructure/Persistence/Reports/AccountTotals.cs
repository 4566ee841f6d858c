using CleanLedger.Application.Reports.GetVatReport;

namespace CleanLedger.Infrastructure.Persistence.Reports;

public sealed class AccountTotals(DbSession session) : IAccountTotals
{
    public async Task<IReadOnlyDictionary<int, Int128>> NetByAccountAsync(Guid orgId, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken) =>
        (await session.QueryAsync<(int Account, long NetHigh, long NetLow)>(
            $"""
            SELECT l.account, {WideSum.Of("l.debit_ore - l.credit_ore", "net")}
            FROM verification_lines l JOIN verifications v ON v.id = l.verification_id
            WHERE l.org_id = @orgId AND v.date >= @firstDay AND v.date <= @lastDay
            GROUP BY l.account
            """,
            new { orgId, firstDay, lastDay },
            cancellationToken)).ToDictionary(row => row.Account, row => WideSum.Join(row.NetHigh, row.NetLow));
}
