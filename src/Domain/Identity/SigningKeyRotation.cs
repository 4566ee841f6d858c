namespace CleanLedger.Domain.Identity;

/// <summary>A signing key as rotation sees it.</summary>
public sealed record SigningKeyStatus(string Kid, SigningKeyState State, DateTimeOffset CreatedAt, DateTimeOffset? RetireAt);

/// <summary>
/// How keys rotate. <see cref="PublishBeforeUse"/> must exceed the time a validator may keep the
/// published keys cached, so no validator meets a token signed by a key it has not seen yet;
/// <see cref="ValidateAfterUse"/> is the access token's lifetime plus the clock skew, so no token a
/// key signed outlives its publication.
/// </summary>
public sealed record KeyRotationPolicy(TimeSpan RotateEvery, TimeSpan PublishBeforeUse, TimeSpan ValidateAfterUse);

/// <summary>One key's move to another state.</summary>
public sealed record KeyTransition(string Kid, SigningKeyState From, SigningKeyState To, DateTimeOffset? RetireAt);

/// <summary>
/// What one rotation run does: moves keys along, in the order the moves are applied (the current
/// key steps down before the next one steps up: one current key at a time), and whether it makes a
/// new key (and in which state).
/// </summary>
public sealed record KeyRotationPlan(IReadOnlyList<KeyTransition> Transitions, SigningKeyState? NewKey)
{
    public bool ChangesNothing => Transitions.Count == 0 && NewKey is null;
}

/// <summary>
/// Decides one rotation run from the keys that are not retired yet: previous keys past their
/// retirement retire; a next key published long enough becomes current (the current one becomes
/// previous until its tokens have expired); a current key older than the rotation interval gets a
/// next key published beside it. With no key at all the first one signs at once: no token exists
/// yet that a validator could meet unannounced.
/// </summary>
public static class SigningKeyRotation
{
    public static KeyRotationPlan Plan(IReadOnlyCollection<SigningKeyStatus> keys, DateTimeOffset now, KeyRotationPolicy policy)
    {
        var transitions = new List<KeyTransition>();
        foreach (var previous in keys.Where(key => key.State == SigningKeyState.Previous && key.RetireAt <= now))
            transitions.Add(new KeyTransition(previous.Kid, SigningKeyState.Previous, SigningKeyState.Retired, previous.RetireAt));

        var current = keys.SingleOrDefault(key => key.State == SigningKeyState.Current);
        var next = keys.Where(key => key.State == SigningKeyState.Next).MaxBy(key => key.CreatedAt);
        if (current is null && next is null)
            return new KeyRotationPlan(transitions, SigningKeyState.Current);

        if (next is not null && (current is null || next.CreatedAt + policy.PublishBeforeUse <= now))
        {
            if (current is not null)
                transitions.Add(new KeyTransition(current.Kid, SigningKeyState.Current, SigningKeyState.Previous, now + policy.ValidateAfterUse));
            transitions.Add(new KeyTransition(next.Kid, SigningKeyState.Next, SigningKeyState.Current, null));
            return new KeyRotationPlan(transitions, null);
        }

        var needsNext = next is null && current!.CreatedAt + policy.RotateEvery <= now;
        return new KeyRotationPlan(transitions, needsNext ? SigningKeyState.Next : null);
    }
}
