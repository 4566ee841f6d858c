using System.Runtime.CompilerServices;
using CleanLedger.Application.Audit;
using CleanLedger.Domain.Audit;

namespace CleanLedger.Infrastructure.Persistence.Audit;

/// <summary>Streams the stored chains for verification; organisations' rows need platform scope across organisations.</summary>
public sealed class AuditChainReader(DbSession session) : IAuditChainReader
{
    private const string Columns =
        "chain_position AS Position, id AS Id, occurred_at AS OccurredAt, user_id AS ActorId, action AS Action, subject AS Subject, details AS Details, hash AS Hash";

    public async IAsyncEnumerable<ChainedAuditRecord> ReadAsync(Guid? orgId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (orgId is null)
        {
            await foreach (var row in session.StreamAsync<StoredRow>(
                $"SELECT NULL AS OrgId, {Columns} FROM platform_audit_events ORDER BY chain_position", null, cancellationToken))
                yield return row.ToChained();
        }

        var filter = orgId is null ? "" : "WHERE org_id = @orgId";
        await foreach (var row in session.StreamAsync<StoredRow>(
            $"SELECT org_id AS OrgId, {Columns} FROM audit_events {filter} ORDER BY org_id, chain_position", new { orgId }, cancellationToken))
            yield return row.ToChained();
    }

    private sealed class StoredRow
    {
        public Guid? OrgId { get; init; }
        public long Position { get; init; }
        public Guid Id { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public Guid? ActorId { get; init; }
        public string Action { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Details { get; init; } = "";
        public string? Hash { get; init; }

        // A row without a hash (none can be written since the chain began) never links.
        public ChainedAuditRecord ToChained() => new(
            new AuditRecord(OrgId is { } org ? AuditChain.OrgChain(org) : AuditChain.PlatformChain, Position, Id, OccurredAt, ActorId, Action, Subject, Details),
            Hash ?? "");
    }
}
