using System.Globalization;
using CleanLedger.Application.Receipts;
using CleanLedger.Domain.Receipts;

namespace CleanLedger.Infrastructure.Persistence.Receipts;

public sealed class VendorMemoryStore(DbSession session) : IVendorMemory
{
    public async Task<VendorHistory?> FindAsync(Guid orgId, IReadOnlyList<string> vendorKeys, CancellationToken cancellationToken)
    {
        if (vendorKeys.Count == 0)
            return null;
        var remembered = await session.QueryAsync<HistoryRow>(
            $"""
            SELECT vendor_key AS VendorKey, account AS Account, vat_rates AS VatRates, credit_account AS CreditAccount, org_number AS OrgNumber,
                   smallest_total_ore AS SmallestTotalOre, largest_total_ore AS LargestTotalOre, receipts AS Receipts
            FROM vendor_memory WHERE org_id = @orgId AND {session.InList("vendor_key", "vendorKeys")}
            """,
            new { orgId, vendorKeys = vendorKeys.ToArray() },
            cancellationToken);
        return vendorKeys.Select(key => remembered.FirstOrDefault(row => row.VendorKey == key)).FirstOrDefault(row => row is not null)?.ToHistory();
    }

    public async Task RememberAsync(
        Guid orgId, IReadOnlyList<string> vendorKeys, string vendor, VendorHistory history, Guid learnedFrom, DateTimeOffset now, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            """
            INSERT INTO vendor_memory (org_id, vendor_key, vendor, account, vat_rates, credit_account, org_number, smallest_total_ore, largest_total_ore, receipts, learned_from, updated_at)
            VALUES (@orgId, @vendorKey, @vendor, @account, @vatRates, @creditAccount, @orgNumber, @smallest, @largest, @receipts, @learnedFrom, @now)
            ON CONFLICT (org_id, vendor_key) DO UPDATE SET vendor = @vendor, account = @account, vat_rates = @vatRates, credit_account = @creditAccount,
                org_number = @orgNumber, smallest_total_ore = @smallest, largest_total_ore = @largest, receipts = @receipts, learned_from = @learnedFrom, updated_at = @now
            """,
            vendorKeys.Select(vendorKey => new
            {
                orgId, vendorKey, vendor = vendor.Length <= 200 ? vendor : vendor[..200], account = history.Account,
                vatRates = string.Join(';', history.VatRates.Select(rate => rate.ToString(CultureInfo.InvariantCulture))),
                creditAccount = history.CreditAccount, orgNumber = history.OrgNumber, smallest = history.SmallestTotalOre, largest = history.LargestTotalOre,
                receipts = history.Receipts, learnedFrom, now,
            }),
            cancellationToken);

    private sealed class HistoryRow
    {
        public string VendorKey { get; init; } = "";
        public int Account { get; init; }
        public string? VatRates { get; init; }
        public int? CreditAccount { get; init; }
        public string? OrgNumber { get; init; }
        public long? SmallestTotalOre { get; init; }
        public long? LargestTotalOre { get; init; }
        public int Receipts { get; init; }

        // A row learned before the history was kept knows only the account: no rates, no range of totals.
        public VendorHistory ToHistory() => new(
            Account,
            (VatRates ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(rate => int.Parse(rate, CultureInfo.InvariantCulture)).ToList(),
            CreditAccount, OrgNumber, SmallestTotalOre ?? 0, LargestTotalOre ?? 0, Receipts);
    }
}
