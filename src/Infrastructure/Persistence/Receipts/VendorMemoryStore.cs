using CleanLedger.Application.Receipts;

namespace CleanLedger.Infrastructure.Persistence.Receipts;

public sealed class VendorMemoryStore(DbSession session) : IVendorMemory
{
    public Task<int?> FindAccountAsync(Guid orgId, string vendorKey, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<int?>(
            "SELECT account FROM vendor_memory WHERE org_id = @orgId AND vendor_key = @vendorKey", new { orgId, vendorKey }, cancellationToken);

    public async Task RememberAsync(Guid orgId, string vendorKey, string vendor, int account, Guid learnedFrom, DateTimeOffset now, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            """
            INSERT INTO vendor_memory (org_id, vendor_key, vendor, account, learned_from, updated_at)
            VALUES (@orgId, @vendorKey, @vendor, @account, @learnedFrom, @now)
            ON CONFLICT (org_id, vendor_key) DO UPDATE SET vendor = @vendor, account = @account, learned_from = @learnedFrom, updated_at = @now
            """,
            new { orgId, vendorKey, vendor = vendor.Length <= 200 ? vendor : vendor[..200], account, learnedFrom, now },
            cancellationToken);
}
