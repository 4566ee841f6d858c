namespace CleanLedger.Domain.Identity;

/// <summary>Why a sign-in through the broker was refused. Every refusal creates and changes no user.</summary>
public enum SignInRefusal
{
    /// <summary>No attempt has this state, or it was used or has expired.</summary>
    UnknownState,

    /// <summary>The attempt was started by another browser or app (its binding does not match).</summary>
    OtherBrowser,

    /// <summary>The broker sent the person back with an error (cancelled, failed, refused).</summary>
    BrokerError,

    /// <summary>The broker could not be reached or answered something that is not OpenID Connect.</summary>
    BrokerUnavailable,

    /// <summary>The broker refused the code (unknown, used, or not this attempt's PKCE verifier).</summary>
    CodeRefused,

    /// <summary>The ID token's signature, issuer, audience or lifetime is not valid.</summary>
    InvalidIdToken,

    /// <summary>The ID token was issued for another attempt.</summary>
    NonceMismatch,

    /// <summary>The person authenticated with something other than BankID.</summary>
    WrongAssurance,

    /// <summary>UserInfo describes someone other than the ID token's subject.</summary>
    SubjectMismatch,

    /// <summary>The broker asserted no personnummer, or one that is not valid.</summary>
    InvalidPersonnummer,
}
