namespace CleanLedger.Domain.Identity;

/// <summary>Where a signing key is in its life; each state after the first is reached once, in this order.</summary>
public enum SigningKeyState
{
    /// <summary>Published in the JWKS so every validator knows it, not yet signing.</summary>
    Next,

    /// <summary>Signs new access tokens; exactly one key at a time.</summary>
    Current,

    /// <summary>No longer signs, still published until every token it signed has expired.</summary>
    Previous,

    /// <summary>Neither published nor accepted: a token it signed is 401.</summary>
    Retired,
}
