using CleanLedger.Application.Identity.Tokens;
using CleanLedger.Domain.Identity;
using CleanLedger.Infrastructure.Security.Tokens;
using Microsoft.AspNetCore.DataProtection;

namespace CleanLedger.Infrastructure.Persistence.Identity;

/// <summary>
/// Our signing keys in the database. The private half is kept only encrypted by Data Protection;
/// a change reaches this host's published-keys cache once it is committed.
/// </summary>
public sealed class SigningKeyRing(DbSession session, IDataProtectionProvider dataProtection, PublishedSigningKeys published) : ISigningKeyRing
{
    private const string ProtectorPurpose = "CleanLedger.SigningKeys.v1";

    public Task<IReadOnlyList<SigningKeyStatus>> ListLiveAsync(CancellationToken cancellationToken) =>
        session.QueryAsync<SigningKeyStatus>(
            $"""
            SELECT kid AS Kid, state AS State, created_at AS CreatedAt, retire_at AS RetireAt
            FROM signing_keys WHERE state <> '{SigningKeyState.Retired}' {session.ForUpdate}
            """,
            null,
            cancellationToken);

    public async Task<string> CreateAsync(SigningKeyState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = EcdsaSigningKey.Generate(now);
        // A concurrent first run may have made the one current key already: then this one is not kept.
        await session.ExecuteAsync(
            """
            INSERT INTO signing_keys (kid, algorithm, public_jwk, protected_private_key, state, created_at, state_changed_at)
            VALUES (@kid, @algorithm, @publicJwk, @protectedKey, @state, @now, @now)
            ON CONFLICT DO NOTHING
            """,
            new { kid = key.Kid, algorithm = EcdsaSigningKey.Algorithm, publicJwk = key.PublicJwk, protectedKey = Convert.ToBase64String(Protector.Protect(key.PrivateKeyPkcs8)), state = state.ToString(), now },
            cancellationToken);
        session.OnCommitted(published.Invalidate);
        return key.Kid;
    }

    public async Task MoveAsync(KeyTransition transition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            "UPDATE signing_keys SET state = @to, state_changed_at = @now, retire_at = @RetireAt WHERE kid = @Kid AND state = @from",
            new { transition.Kid, to = transition.To.ToString(), from = transition.From.ToString(), transition.RetireAt, now },
            cancellationToken);
        session.OnCommitted(published.Invalidate);
    }

    /// <summary>The current key with its private half, or null before the first rotation.</summary>
    public async Task<EcdsaSigningKey?> CurrentAsync(CancellationToken cancellationToken)
    {
        var row = await session.QuerySingleOrDefaultAsync<StoredKey>(
            $"SELECT kid AS Kid, public_jwk AS PublicJwk, protected_private_key AS ProtectedPrivateKey, created_at AS CreatedAt FROM signing_keys WHERE state = '{SigningKeyState.Current}'",
            null,
            cancellationToken);
        return row is null ? null : new EcdsaSigningKey(row.Kid, row.PublicJwk, Protector.Unprotect(Convert.FromBase64String(row.ProtectedPrivateKey)), row.CreatedAt);
    }

    /// <summary>What the JWKS publishes and validators accept: next, current and previous keys' public halves.</summary>
    public Task<IReadOnlyList<string>> PublishedJwksAsync(CancellationToken cancellationToken) =>
        session.QueryAsync<string>(
            $"SELECT public_jwk FROM signing_keys WHERE state <> '{SigningKeyState.Retired}' ORDER BY created_at",
            null,
            cancellationToken);

    private IDataProtector Protector => dataProtection.CreateProtector(ProtectorPurpose);

    private sealed record StoredKey(string Kid, string PublicJwk, string ProtectedPrivateKey, DateTimeOffset CreatedAt);
}
