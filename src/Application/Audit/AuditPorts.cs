using CleanLedger.Domain.Audit;

namespace CleanLedger.Application.Audit;

/// <summary>
/// The platform's own chain of privileged events that belong to no organisation: staff sign-in,
/// signing-key rotation, refresh-token reuse. Append-only, like the organisations' trails.
/// </summary>
public interface IPlatformAudit
{
    /// <summary>Appends an event by the signed-in caller (or by nobody, when no one is signed in).</summary>
    Task RecordAsync(string action, string subject, object details, CancellationToken cancellationToken);
}

/// <summary>Audit rows as stored, with their hashes, for recomputing the chains.</summary>
public interface IAuditChainReader
{
    /// <summary>
    /// One organisation's chain, or (<paramref name="orgId"/> null) the platform chain and then
    /// every organisation's; each chain in position order, one chain after the other.
    /// </summary>
    IAsyncEnumerable<ChainedAuditRecord> ReadAsync(Guid? orgId, CancellationToken cancellationToken);
}

public sealed record ChainedAuditRecord(AuditRecord Record, string Hash);
