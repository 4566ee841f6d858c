using CleanLedger.Application.Identity.Tokens;
using CleanLedger.Domain.Identity;

namespace CleanLedger.Infrastructure.Security.Tokens;

/// <summary>Section "Auth:Tokens": our own tokens and the rotation of the keys that sign them (docs/adr/0019).</summary>
public sealed class TokenOptions
{
    public const string Section = "Auth:Tokens";

    /// <summary>
    /// How far a token's expiry (and not-before) may be off the clock: enough for servers kept in
    /// time by NTP, not the library's default five minutes of life after a token has expired.
    /// </summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(30);

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How old the current key grows before a next key is published beside it.</summary>
    public TimeSpan RotateEvery { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a next key is published before it signs: longer than <see cref="PublishedKeysCacheLifetime"/>.</summary>
    public TimeSpan PublishBeforeUse { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a host keeps the published keys before reading them again (a rotation in this host refreshes at once).</summary>
    public TimeSpan PublishedKeysCacheLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Cron of the recurring rotation job.</summary>
    public string RotationSchedule { get; set; } = "17 * * * *";

    /// <summary>Where ASP.NET Core Data Protection keeps the key ring that encrypts our private keys; none: an in-memory ring (tests only).</summary>
    public string? KeyRingPath { get; set; }

    /// <summary>A PFX whose certificate encrypts the key ring at rest (staging/production).</summary>
    public string? KeyRingCertificatePath { get; set; }

    public string? KeyRingCertificatePassword { get; set; }

    /// <summary>Refused refreshes naming one family (expired or revoked members) that lock it, within <see cref="FailedRefreshWindow"/>.</summary>
    public int FailedRefreshLimit { get; set; } = 5;

    public TimeSpan FailedRefreshWindow { get; set; } = TimeSpan.FromMinutes(15);

    public FailedRefreshLockout Lockout => new(FailedRefreshLimit, FailedRefreshWindow);

    public TokenLifetimes Lifetimes => new(AccessTokenLifetime, RefreshTokenLifetime);

    /// <summary>A previous key is published until every token it signed has expired, give or take the clock skew.</summary>
    public KeyRotationPolicy RotationPolicy(TimeSpan clockSkew) => new(RotateEvery, PublishBeforeUse, AccessTokenLifetime + clockSkew);
}
