using CleanLedger.Application.Identity.BankId;

namespace CleanLedger.Infrastructure.Persistence.Identity;

public sealed class SignInAttemptStore(DbSession session) : ISignInAttemptStore
{
    public Task AddAsync(SignInAttempt attempt, DateTimeOffset createdAt, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO sign_in_attempts (state_hash, binding_hash, nonce_hash, created_at, expires_at)
            VALUES (@StateHash, @BindingHash, @NonceHash, @createdAt, @ExpiresAt)
            """,
            new { attempt.StateHash, attempt.BindingHash, attempt.NonceHash, createdAt, attempt.ExpiresAt },
            cancellationToken);

    public async Task<SignInAttempt?> TryUseAsync(string stateHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var used = await session.ExecuteAsync(
            "UPDATE sign_in_attempts SET used_at = @now WHERE state_hash = @stateHash AND used_at IS NULL AND expires_at > @now",
            new { stateHash, now },
            cancellationToken);
        if (used != 1)
            return null;
        return await session.QuerySingleOrDefaultAsync<SignInAttempt>(
            """
            SELECT state_hash AS StateHash, binding_hash AS BindingHash, nonce_hash AS NonceHash, expires_at AS ExpiresAt
            FROM sign_in_attempts WHERE state_hash = @stateHash
            """,
            new { stateHash },
            cancellationToken);
    }
}
