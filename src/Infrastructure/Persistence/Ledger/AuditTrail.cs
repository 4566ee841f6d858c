using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Ledger;
using CleanLedger.Infrastructure.Persistence.Audit;

namespace CleanLedger.Infrastructure.Persistence.Ledger;

/// <summary>
/// Append-only: the app role may only insert and read, and triggers refuse any change. Each
/// organisation's events form one hash chain (docs/adr/0020).
/// </summary>
public sealed class AuditTrail(DbSession session, AuditChainAppender chain, ICurrentUser user) : IAuditTrail
{
    public Task RecordAsync(Guid orgId, string action, string subject, object details, CancellationToken cancellationToken) =>
        chain.AppendToOrgAsync(orgId, user.UserId, action, subject, details, cancellationToken);

    // The chain's order is the order of recording, even for events within one microsecond.
    public Task<IReadOnlyList<AuditEvent>> ListAsync(Guid orgId, int limit, CancellationToken cancellationToken) =>
        session.QueryAsync<AuditEvent>(
            """
            SELECT id AS Id, occurred_at AS OccurredAt, user_id AS UserId, action AS Action, subject AS Subject, details AS Details
            FROM audit_events WHERE org_id = @orgId ORDER BY chain_position DESC LIMIT @limit
            """,
            new { orgId, limit },
            cancellationToken);
}
