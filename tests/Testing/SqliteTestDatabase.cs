using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Infrastructure.Persistence.Migrations;
using Microsoft.Data.Sqlite;

namespace CleanLedger.Testing;

/// <summary>
/// A real SQLite file in a temporary folder, as the embedded local default uses. Reset copies a
/// freshly migrated template over it: the immutability triggers forbid emptying the books.
/// </summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder;
    private readonly string _file;
    private readonly string _template;

    private SqliteTestDatabase(string folder, DatabaseOptions options)
    {
        _folder = folder;
        _file = Path.Combine(folder, "cleanledger.db");
        _template = Path.Combine(folder, "template.db");
        Options = options;
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override DatabaseOptions Options { get; }

    /// <param name="upToVersion">Migrate only this far (see <see cref="DatabaseMigrator.Migrate"/>).</param>
    public static SqliteTestDatabase Create(long? upToVersion = null)
    {
        var folder = Directory.CreateTempSubdirectory("cleanledger-test-").FullName;
        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(folder, "cleanledger.db")};Pooling=False",
        };
        DatabaseMigrator.Migrate(options, upToVersion);
        var database = new SqliteTestDatabase(folder, options);
        database.Checkpoint();
        File.Copy(database._file, database._template);
        return database;
    }

    public override Task ResetAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "-wal", "-shm" })
            File.Delete(_file + suffix);
        File.Copy(_template, _file, overwrite: true);
        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        DeleteDocuments();
        return ValueTask.CompletedTask;
    }

    // Folds the write-ahead log into the main file, so the file alone is the whole database.
    private void Checkpoint()
    {
        using var connection = new SqliteConnection(Options.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
    }
}
