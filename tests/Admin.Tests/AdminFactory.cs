using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;

namespace CleanLedger.Admin.Tests;

/// <summary>The real Admin host on a real database; <see cref="App"/> sets up data through the same Application.</summary>
public abstract class AdminFactory(DatabaseProvider provider) : HostFactory<Program>(provider)
{
    public ApplicationHarness App { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App = new ApplicationHarness(Database);
    }
}

public sealed class PostgresAdminFactory() : AdminFactory(DatabaseProvider.Postgres);

public sealed class SqliteAdminFactory() : AdminFactory(DatabaseProvider.Sqlite);
