using CleanLedger.Domain.Identity;

namespace CleanLedger.Application.Identity.BankId;

/// <summary>
/// The OpenID Connect broker (Signicat or another) that signs people in with BankID: the
/// authorization code flow with PKCE, its ID token checked against the broker's own keys.
/// </summary>
public interface IBankIdBroker
{
    /// <summary>Whether this installation has a broker (authority, client, callback and the personnummer key).</summary>
    bool IsConfigured { get; }

    /// <summary>The assurance (<c>acr</c>) a BankID sign-in carries; any other is refused.</summary>
    string RequiredAcr { get; }

    /// <summary>Where to send the person: the broker's authorization endpoint with this attempt's parameters.</summary>
    /// <exception cref="BrokerUnavailableException">The broker's discovery document cannot be read.</exception>
    Task<Uri> AuthorizationUrlAsync(string state, string nonce, string codeChallenge, CancellationToken cancellationToken);

    /// <summary>
    /// Exchanges the code (with the attempt's PKCE verifier), validates the ID token (the broker's
    /// keys, issuer, audience, lifetime) and reads UserInfo; any failure is a refusal, not an exception.
    /// </summary>
    Task<BrokerRedemption> RedeemAsync(string code, string codeVerifier, CancellationToken cancellationToken);
}

/// <summary>What the broker asserted, or why nothing can be believed.</summary>
public sealed record BrokerRedemption(BrokerAssertion? Assertion, SignInRefusal? Refusal)
{
    public static BrokerRedemption Refused(SignInRefusal refusal) => new(null, refusal);
}

/// <summary>This installation signs nobody in with BankID (no broker configured).</summary>
public sealed class BankIdNotConfiguredException() : Exception("BankID sign-in is not configured on this installation.");

/// <summary>The broker's discovery document or keys could not be read.</summary>
public sealed class BrokerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A started sign-in as stored: hashes of its secrets and its end.</summary>
public sealed record SignInAttempt(string StateHash, string BindingHash, string NonceHash, DateTimeOffset ExpiresAt);

public interface ISignInAttemptStore
{
    Task AddAsync(SignInAttempt attempt, DateTimeOffset createdAt, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the attempt used if it is neither used nor expired, in one conditional write, and
    /// answers it; of any number of concurrent callers exactly one gets it, the others null.
    /// </summary>
    Task<SignInAttempt?> TryUseAsync(string stateHash, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>A person's account as BankID reaches it: our user and the broker subject they last signed in as.</summary>
public sealed record BankIdAccount(Guid UserId, string? BrokerSubject);

/// <summary>Users found by the keyed hash of their personnummer, never by the number.</summary>
public interface IBankIdAccounts
{
    /// <summary>The user with this personnummer hash, created (with no broker subject yet) when there is none; concurrent first sign-ins make one user.</summary>
    Task<BankIdAccount> FindOrCreateAsync(string personnummerHash, string displayName, DateTimeOffset now, CancellationToken cancellationToken);

    Task RecordSignInAsync(Guid userId, string displayName, string brokerSubject, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>The keyed hash (HMAC-SHA256 under a secret key) that stands for a personnummer in the database.</summary>
public interface IPersonnummerHasher
{
    string Hash(Personnummer personnummer);
}
