using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Infrastructure.Persistence.Migrations;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CleanLedger.Testing;

/// <summary>A real SQLite file in a temporary folder, as the embedded local default uses.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder;

    private SqliteTestDatabase(string folder, DatabaseOptions options)
    {
        _folder = folder;
        Options = options;
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override DatabaseOptions Options { get; }

    public static SqliteTestDatabase Create()
    {
        var folder = Directory.CreateTempSubdirectory("cleanledger-test-").FullName;
        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(folder, "cleanledger.db")};Pooling=False",
        };
        DatabaseMigrator.Migrate(options);
        return new SqliteTestDatabase(folder, options);
    }

    public override async Task ResetAsync()
    {
        await using var connection = new SqliteConnection(Options.ConnectionString);
        await connection.OpenAsync();
        var tables = await connection.QueryAsync<string>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'VersionInfo'");
        var deletes = string.Join(" ", tables.Select(table => $"DELETE FROM \"{table}\";"));
        await connection.ExecuteAsync($"PRAGMA foreign_keys = OFF; {deletes} PRAGMA foreign_keys = ON;");
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
