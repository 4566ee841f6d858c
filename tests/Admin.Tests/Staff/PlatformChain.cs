using CleanLedger.Application.Audit.VerifyAuditChains;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Admin.Tests.Staff;

/// <summary>One row of the platform audit chain, as stored.</summary>
public sealed class PlatformEvent
{
    public string Action { get; init; } = "";
    public string Subject { get; init; } = "";
    public Guid? UserId { get; init; }
    public string Details { get; init; } = "";
}

public static class PlatformChain
{
    public static async Task<IReadOnlyList<PlatformEvent>> EventsAsync(AdminFactory factory)
    {
        await using var scope = factory.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DbSession>().QueryAsync<PlatformEvent>(
            "SELECT action AS Action, subject AS Subject, user_id AS UserId, details AS Details FROM platform_audit_events ORDER BY chain_position",
            null,
            CancellationToken.None);
    }

    public static async Task<bool> VerifiesAsync(AdminFactory factory) =>
        (await factory.App.SendAsync<AuditVerification>(TestUser.Admin("Stina Support"), new VerifyAuditChains())).Verified;
}
