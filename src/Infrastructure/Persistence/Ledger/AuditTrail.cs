using System.Text.Json;
using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Ledger;

namespace CleanLedger.Infrastructure.Persistence.Ledger;

/// <summary>Append-only: the app role may only insert and read, and triggers refuse any change.</summary>
public sealed class AuditTrail(DbSession session, ICurrentUser user, TimeProvider clock) : IAuditTrail
{
    public Task RecordAsync(Guid orgId, string action, string subject, object details, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return session.ExecuteAsync(
            """
            INSERT INTO audit_events (id, org_id, occurred_at, user_id, action, subject, details)
            VALUES (@id, @orgId, @now, @userId, @action, @subject, @details)
            """,
            new { id = Guid.CreateVersion7(now), orgId, now, userId = user.UserId, action, subject, details = JsonSerializer.Serialize(details, JsonSerializerOptions.Web) },
            cancellationToken);
    }

    public Task<IReadOnlyList<AuditEvent>> ListAsync(Guid orgId, int limit, CancellationToken cancellationToken) =>
        session.QueryAsync<AuditEvent>(
            """
            SELECT id AS Id, occurred_at AS OccurredAt, user_id AS UserId, action AS Action, subject AS Subject, details AS Details
            FROM audit_events WHERE org_id = @orgId ORDER BY occurred_at DESC, id DESC LIMIT @limit
            """,
            new { orgId, limit },
            cancellationToken);
}
