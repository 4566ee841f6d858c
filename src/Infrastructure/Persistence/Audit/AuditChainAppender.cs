using System.Text.Json;
using CleanLedger.Domain.Audit;

namespace CleanLedger.Infrastructure.Persistence.Audit;

/// <summary>
/// Appends a row to one audit hash chain inside the command's transaction: the chain's lock is
/// taken (PostgreSQL: an advisory lock held until commit; SQLite: the write lock the transaction
/// already holds), its head read, and the row hashed onto it. Two appends to one chain therefore
/// never build on the same head, and a unique position per chain backs that at the database.
/// </summary>
public sealed class AuditChainAppender(DbSession session, TimeProvider clock)
{
    private static readonly ChainStorage OrgChains = new(
        "SELECT chain_position AS Position, hash AS Hash FROM audit_events WHERE org_id = @orgId ORDER BY chain_position DESC LIMIT 1",
        """
        INSERT INTO audit_events (id, org_id, chain_position, occurred_at, user_id, action, subject, details, hash)
        VALUES (@id, @orgId, @position, @occurredAt, @actorId, @action, @subject, @details, @hash)
        """);

    private static readonly ChainStorage PlatformChain = new(
        "SELECT chain_position AS Position, hash AS Hash FROM platform_audit_events ORDER BY chain_position DESC LIMIT 1",
        """
        INSERT INTO platform_audit_events (id, chain_position, occurred_at, user_id, action, subject, details, hash)
        VALUES (@id, @position, @occurredAt, @actorId, @action, @subject, @details, @hash)
        """);

    public Task AppendToOrgAsync(Guid orgId, Guid actorId, string action, string subject, object details, CancellationToken cancellationToken) =>
        AppendAsync(AuditChain.OrgChain(orgId), OrgChains, orgId, actorId, action, subject, details, cancellationToken);

    public Task AppendToPlatformAsync(Guid? actorId, string action, string subject, object details, CancellationToken cancellationToken) =>
        AppendAsync(AuditChain.PlatformChain, PlatformChain, orgId: null, actorId, action, subject, details, cancellationToken);

    private async Task AppendAsync(
        string chain, ChainStorage storage, Guid? orgId, Guid? actorId, string action, string subject, object details, CancellationToken cancellationToken)
    {
        await session.LockUntilCommitAsync($"audit-chain:{chain}", cancellationToken);
        var head = await session.QuerySingleOrDefaultAsync<ChainHead>(storage.HeadSql, new { orgId }, cancellationToken);

        var now = clock.GetUtcNow();
        var record = new AuditRecord(
            chain,
            (head?.Position ?? 0) + 1,
            Guid.CreateVersion7(now),
            AuditChain.Stored(now),
            actorId,
            action,
            subject,
            JsonSerializer.Serialize(details, JsonSerializerOptions.Web));
        var hash = AuditChain.Hash(head?.Hash ?? AuditChain.Genesis, record);

        await session.ExecuteAsync(
            storage.InsertSql,
            new { id = record.Id, orgId, position = record.Position, occurredAt = record.OccurredAt, actorId, action, subject, details = record.Details, hash },
            cancellationToken);
    }

    private sealed record ChainStorage(string HeadSql, string InsertSql);

    private sealed record ChainHead(long Position, string Hash);
}
