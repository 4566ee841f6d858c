using CleanLedger.Infrastructure.Persistence;

namespace CleanLedger.Testing;

/// <summary>
/// A real, private database for one test class: a fresh PostgreSQL database in the throwaway
/// cluster that ./build/test.sh starts, or a fresh SQLite file. Migrated on creation, emptied by
/// <see cref="ResetAsync"/> between tests.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract DatabaseProvider Provider { get; }

    public abstract DatabaseOptions Options { get; }

    /// <summary>PostgreSQL: the job storage's own connection, as the jobs role; none on SQLite.</summary>
    public virtual string? JobsConnectionString => null;

    /// <summary>The local write-once document store that goes with this database.</summary>
    public string DocumentsFolder { get; } = Directory.CreateTempSubdirectory("cleanledger-documents-").FullName;

    /// <summary>Host settings that point an app at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider.ToString(),
        ["Database:ConnectionString"] = Options.ConnectionString,
        ["Database:MigrationConnectionString"] = Options.MigrationConnectionString,
        ["Database:AppRole"] = Options.AppRole,
        ["Jobs:ConnectionString"] = JobsConnectionString,
        ["Database:MigrateOnStart"] = "true",
        ["Documents:LocalStorePath"] = DocumentsFolder,
        ["Documents:VirusScan:Enabled"] = "true",
        ["Documents:VirusScan:Host"] = Clamd.Host,
        ["Documents:VirusScan:Port"] = Clamd.Port,
    };

    /// <param name="provider">The engine.</param>
    /// <param name="upToVersion">Migrate only this far (a test of a later migration's treatment of existing rows).</param>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, long? upToVersion = null) =>
        provider == DatabaseProvider.Postgres ? await PostgresTestDatabase.CreateAsync(upToVersion) : SqliteTestDatabase.Create(upToVersion);

    public abstract Task ResetAsync();

    public abstract ValueTask DisposeAsync();

    /// <summary>Test clean-up only: the store itself has no way to delete.</summary>
    protected void DeleteDocuments() => Directory.Delete(DocumentsFolder, recursive: true);
}

/// <summary>The clamd that ./build/test.sh starts (CLEANLEDGER_TEST_CLAMD=host:port).</summary>
public static class Clamd
{
    public const string Variable = "CLEANLEDGER_TEST_CLAMD";

    private static string Address =>
        Environment.GetEnvironmentVariable(Variable)
        ?? throw new InvalidOperationException($"{Variable} is not set: run the tests with ./build/test.sh, which starts clamd.");

    public static string Host => Address.Split(':')[0];

    public static string Port => Address.Split(':')[1];
}
