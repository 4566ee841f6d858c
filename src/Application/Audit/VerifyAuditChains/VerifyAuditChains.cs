using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Audit;
using Mediator;

namespace CleanLedger.Application.Audit.VerifyAuditChains;

/// <summary>
/// Recomputes the audit hash chains (every chain, or one organisation's) and names the first row
/// that does not link. Back-office staff.
/// </summary>
public sealed record VerifyAuditChains(Guid? OrgId = null) : IQuery<AuditVerification>, IPlatformScoped
{
    public static PlatformPermissions RequiredPermission => PlatformPermissions.VerifyAudit;
}

/// <summary>Whether every chain links; how many rows were recomputed (up to and including the first broken one); which one broke.</summary>
public sealed record AuditVerification(bool Verified, long Checked, BrokenLink? FirstBrokenRow);

public sealed class VerifyAuditChainsHandler(IAuditChainReader chains) : IQueryHandler<VerifyAuditChains, AuditVerification>
{
    public async ValueTask<AuditVerification> Handle(VerifyAuditChains query, CancellationToken cancellationToken)
    {
        var verifier = new AuditChainVerifier();
        await foreach (var row in chains.ReadAsync(query.OrgId, cancellationToken))
        {
            if (verifier.Check(row.Record, row.Hash) is { } broken)
                return new AuditVerification(Verified: false, verifier.Checked, broken);
        }

        return new AuditVerification(Verified: true, verifier.Checked, FirstBrokenRow: null);
    }
}
