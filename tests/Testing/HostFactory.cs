using System.Security.Cryptography;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace CleanLedger.Testing;

/// <summary>
/// A real host (its own Program, middleware and endpoints) on a real database of its own.
/// Subclasses choose the engine, the environment and any settings a test needs.
/// </summary>
public abstract class HostFactory<TEntryPoint>(DatabaseProvider provider) : WebApplicationFactory<TEntryPoint>, IAsyncLifetime
    where TEntryPoint : class
{
    private bool _ownsDatabase = true;

    public TestDatabase Database { get; private set; } = null!;

    protected virtual string Environment => AppEnvironments.Test;

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        if (_ownsDatabase)
            Database = await TestDatabase.CreateAsync(provider);
    }

    /// <summary>Runs this host on a database another host made (a restart of the same installation); the other keeps owning it.</summary>
    public void UseDatabaseOf(TestDatabase database)
    {
        Database = database;
        _ownsDatabase = false;
    }

    /// <summary>This host's own random development signing key: no key is committed, and none is shared between hosts.</summary>
    public string DevSigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        if (Environment is AppEnvironments.Local or AppEnvironments.Test or AppEnvironments.Ci)
            builder.UseSetting("Auth:DevSigningKey", DevSigningKey);
        foreach (var (key, value) in Database.Settings.Concat(Settings))
            builder.UseSetting(key, value);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_ownsDatabase)
            await Database.DisposeAsync();
    }
}
