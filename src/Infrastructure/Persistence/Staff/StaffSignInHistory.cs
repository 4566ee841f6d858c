using System.Text.Json;
using CleanLedger.Application.Staff;
using CleanLedger.Domain.Access;

namespace CleanLedger.Infrastructure.Persistence.Staff;

/// <summary>Reads the role from the staff member's latest sign-in row in the platform chain: the chain is the record of who held what.</summary>
public sealed class StaffSignInHistory(DbSession session) : IStaffSignInHistory
{
    public async Task<PlatformRole?> LastRoleAsync(Guid staffId, CancellationToken cancellationToken)
    {
        var details = await session.QuerySingleOrDefaultAsync<string>(
            """
            SELECT details FROM platform_audit_events
            WHERE subject = @subject AND action IN ('staff.signed_in', 'staff.sign_in_refused')
            ORDER BY chain_position DESC LIMIT 1
            """,
            new { subject = StaffSubject.Of(staffId) },
            cancellationToken);
        if (details is null)
            return null;

        using var recorded = JsonDocument.Parse(details);
        return recorded.RootElement.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String
            ? PlatformRoleNames.StaffRoleNamed([role.GetString()!])
            : null;
    }
}
