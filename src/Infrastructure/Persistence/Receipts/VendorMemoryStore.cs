using CleanLedger.Application.Receipts;

namespace CleanLedger.Infrastructure.Persistence.Receipts;

public sealed class VendorMemoryStore(DbSession session) : IVendorMemory
{
    public async Task<int?> FindAccountAsync(Guid orgId, IReadOnlyList<string> vendorKeys, CancellationToken cancellationToken)
    {
        if (vendorKeys.Count == 0)
            return null;
        var remembered = await session.QueryAsync<(string Key, int Account)>(
            $"SELECT vendor_key, account FROM vendor_memory WHERE org_id = @orgId AND {session.InList("vendor_key", "vendorKeys")}",
            new { orgId, vendorKeys = vendorKeys.ToArray() },
            cancellationToken);
        return vendorKeys.Select(key => remembered.FirstOrDefault(row => row.Key == key)).FirstOrDefault(row => row.Key is not null).Account is var account and > 0
            ? account
            : null;
    }

    public async Task RememberAsync(
        Guid orgId, IReadOnlyList<string> vendorKeys, string vendor, int account, Guid learnedFrom, DateTimeOffset now, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            """
            INSERT INTO vendor_memory (org_id, vendor_key, vendor, account, learned_from, updated_at)
            VALUES (@orgId, @vendorKey, @vendor, @account, @learnedFrom, @now)
            ON CONFLICT (org_id, vendor_key) DO UPDATE SET vendor = @vendor, account = @account, learned_from = @learnedFrom, updated_at = @now
            """,
            vendorKeys.Select(vendorKey => new { orgId, vendorKey, vendor = vendor.Length <= 200 ? vendor : vendor[..200], account, learnedFrom, now }),
            cancellationToken);
}
