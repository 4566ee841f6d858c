using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CleanLedger.Testing;

/// <summary>
/// What another writer holds during a long write (an import): on SQLite the database's one write
/// lock (BEGIN IMMEDIATE on a connection of its own), on PostgreSQL every table in EXCLUSIVE mode
/// (reads go on, every write waits). Released when disposed.
/// </summary>
public sealed class WriteLock : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;

    private WriteLock(DbConnection connection, DbTransaction transaction) => (_connection, _transaction) = (connection, transaction);

    public static async Task<WriteLock> HoldAsync(TestDatabase database)
    {
        if (database is PostgresTestDatabase postgres)
        {
            var connection = new NpgsqlConnection(postgres.SuperuserConnectionString);
            await connection.OpenAsync();
            var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand(
                """
                DO $$
                BEGIN
                  EXECUTE 'LOCK TABLE ' || (SELECT string_agg(format('%I', tablename), ', ') FROM pg_tables WHERE schemaname = 'public')
                       || ' IN EXCLUSIVE MODE';
                END $$
                """,
                connection,
                transaction);
            await command.ExecuteNonQueryAsync();
            return new WriteLock(connection, transaction);
        }

        var sqlite = new SqliteConnection(database.Options.ConnectionString);
        await sqlite.OpenAsync();
        return new WriteLock(sqlite, sqlite.BeginTransaction(deferred: false));
    }

    /// <summary>Runs <paramref name="sql"/> as the lock's holder and commits it, which releases the lock.</summary>
    public async Task CommitAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
        await _transaction.CommitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
