using System.Text.Json;
using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Identity.Tokens;

namespace CleanLedger.Infrastructure.Persistence.Identity;

/// <summary>Insert-only for the app role: platform events without an organisation (who, when, what).</summary>
public sealed class PlatformAuditTrail(DbSession session, ICurrentUser user, TimeProvider clock) : IPlatformAuditTrail
{
    public Task RecordAsync(string action, string subject, object details, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return session.ExecuteAsync(
            """
            INSERT INTO platform_audit_events (id, occurred_at, user_id, action, subject, details)
            VALUES (@id, @now, @userId, @action, @subject, @details)
            """,
            new
            {
                id = Guid.CreateVersion7(now),
                now,
                userId = user.IsAuthenticated ? user.UserId : (Guid?)null,
                action,
                subject,
                details = JsonSerializer.Serialize(details, JsonSerializerOptions.Web),
            },
            cancellationToken);
    }
}
