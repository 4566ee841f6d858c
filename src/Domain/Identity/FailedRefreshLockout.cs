namespace CleanLedger.Domain.Identity;

/// <summary>
/// When refused refreshes lock a family: a token of the family that is known but refused
/// (expired, or of a revoked family) was presented <see cref="Refusals"/> times within
/// <see cref="Window"/>. Someone is trying tokens they should no longer hold; the family is
/// revoked, so its newest token stops working too. (A used token presented again revokes the
/// family at once: that is reuse.)
/// </summary>
public sealed record FailedRefreshLockout(int Refusals, TimeSpan Window)
{
    public DateTimeOffset WindowStart(DateTimeOffset now) => now - Window;

    public bool Locks(int refusalsInWindow) => refusalsInWindow >= Refusals;
}
