using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CleanLedger.Domain.Audit;

/// <summary>
/// One audit row as the chain sees it. <see cref="ActorId"/> is null only for platform events
/// with nobody signed in (e.g. a refresh token reused by an anonymous caller).
/// </summary>
public sealed record AuditRecord(
    string Chain,
    long Position,
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid? ActorId,
    string Action,
    string Subject,
    string Details);

/// <summary>
/// The hash chains of the audit log (docs/adr/0020): one per organisation and one for the
/// platform. Each row's hash is lower-case hex SHA-256 over the UTF-8 bytes of the previous
/// row's hash (64 hex digits; <see cref="Genesis"/> before the first row) followed by the row's
/// <see cref="Canonical"/> form.
/// </summary>
public static class AuditChain
{
    public const string PlatformChain = "platform";

    /// <summary>What the first row of every chain follows.</summary>
    public static readonly string Genesis = new('0', 64);

    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static string OrgChain(Guid orgId) => $"org:{orgId:D}";

    /// <summary>Both engines keep an instant to the microsecond; a row is hashed as it will read back.</summary>
    public static DateTimeOffset Stored(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TicksPerMicrosecond, TimeSpan.Zero);
    }

    /// <summary>
    /// The row as one canonical JSON array, fields in this order: chain, position, id, occurred_at
    /// (UTC, yyyy-MM-ddTHH:mm:ss.ffffffZ), actor id (or null), action, subject, details (canonical JSON).
    /// Ids are lower-case hyphenated.
    /// </summary>
    public static string Canonical(AuditRecord row)
    {
        var occurredAt = Stored(row.OccurredAt).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        string[] fields =
        [
            CanonicalJson.Quote(row.Chain),
            row.Position.ToString(CultureInfo.InvariantCulture),
            CanonicalJson.Quote(row.Id.ToString("D")),
            CanonicalJson.Quote(occurredAt),
            row.ActorId is { } actor ? CanonicalJson.Quote(actor.ToString("D")) : "null",
            CanonicalJson.Quote(row.Action),
            CanonicalJson.Quote(row.Subject),
            CanonicalJson.Of(row.Details),
        ];
        return $"[{string.Join(',', fields)}]";
    }

    public static string Hash(string previousHash, AuditRecord row) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + Canonical(row))));
}

/// <summary>The first row whose stored hash is not the one its predecessor and content give.</summary>
public sealed record BrokenLink(Guid Id, string Chain, long Position, string Expected, string Found);

/// <summary>
/// Recomputes chains from their rows, fed in chain order (all of one chain by position, then the
/// next). Each row is checked against its predecessor's stored hash, so a changed row is named
/// itself and not every row after it; a removed row breaks the one that followed it.
/// </summary>
public sealed class AuditChainVerifier
{
    private string? _chain;
    private string _previousHash = AuditChain.Genesis;
    private long _expectedPosition;

    public long Checked { get; private set; }

    /// <summary>The break this row makes, or null when it links.</summary>
    public BrokenLink? Check(AuditRecord row, string storedHash)
    {
        if (row.Chain != _chain)
        {
            _chain = row.Chain;
            _previousHash = AuditChain.Genesis;
            _expectedPosition = 1;
        }

        Checked++;
        // The expected position, not the stored one, is hashed: a row moved or a gap left shows.
        var expected = AuditChain.Hash(_previousHash, row with { Position = _expectedPosition });
        _previousHash = storedHash;
        _expectedPosition++;
        return expected == storedHash ? null : new BrokenLink(row.Id, row.Chain, row.Position, expected, storedHash);
    }
}
