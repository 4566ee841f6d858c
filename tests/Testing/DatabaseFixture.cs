using CleanLedger.Infrastructure.Persistence;
using Xunit;

namespace CleanLedger.Testing;

/// <summary>
/// One migrated database and one Application harness per test class. Test classes that must hold
/// on both engines are written once, generic in the fixture, and declared twice.
/// </summary>
public abstract class DatabaseFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public ApplicationHarness App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        App = new ApplicationHarness(Database);
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
            await App.DisposeAsync();
        if (Database is not null)
            await Database.DisposeAsync();
    }
}

public sealed class PostgresFixture() : DatabaseFixture(DatabaseProvider.Postgres);

public sealed class SqliteFixture() : DatabaseFixture(DatabaseProvider.Sqlite);
