namespace CleanLedger.Testing;

/// <summary>A clock that always says the same instant, for output that must be byte-for-byte repeatable.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
