using CleanLedger.Infrastructure.Persistence.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CleanLedger.Infrastructure.Security.Tokens;

/// <summary>
/// The published public keys (next, current, previous) as this host validates with them: read
/// from the database at most once per cache lifetime, and again at once after a rotation this
/// host committed. A retired key drops out at the next read; a next key is published longer than
/// the cache lives, so every host knows it before it signs.
/// </summary>
public sealed class PublishedSigningKeys(IServiceScopeFactory scopes, IOptions<TokenOptions> options, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _reading = new(1, 1);
    private volatile Snapshot _snapshot = Snapshot.Empty;

    /// <summary>The keys as last read: what a synchronous key resolver uses, after <see cref="RefreshIfStaleAsync"/>.</summary>
    public IReadOnlyList<JsonWebKey> Keys => _snapshot.Keys;

    public void Invalidate() => _snapshot = _snapshot with { ReadAt = DateTimeOffset.MinValue };

    public async Task<IReadOnlyList<JsonWebKey>> RefreshIfStaleAsync(CancellationToken cancellationToken)
    {
        if (!IsStale(_snapshot))
            return _snapshot.Keys;

        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (IsStale(_snapshot))
            {
                var readAt = clock.GetUtcNow();
                await using var scope = scopes.CreateAsyncScope();
                var jwks = await scope.ServiceProvider.GetRequiredService<SigningKeyRing>().PublishedJwksAsync(cancellationToken);
                _snapshot = new Snapshot(jwks.Select(JsonWebKey.Create).ToList(), readAt);
            }

            return _snapshot.Keys;
        }
        finally
        {
            _reading.Release();
        }
    }

    private bool IsStale(Snapshot snapshot) => snapshot.ReadAt + options.Value.PublishedKeysCacheLifetime <= clock.GetUtcNow();

    private sealed record Snapshot(IReadOnlyList<JsonWebKey> Keys, DateTimeOffset ReadAt)
    {
        public static readonly Snapshot Empty = new([], DateTimeOffset.MinValue);
    }

    public void Dispose() => _reading.Dispose();
}
