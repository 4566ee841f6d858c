using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CleanLedger.Infrastructure.Persistence;

/// <summary>Who and where a transaction acts for: the values PostgreSQL's RLS policies read.</summary>
public readonly record struct SessionScope(Guid? UserId, Guid? OrgId, bool IsPlatformScope);

/// <summary>
/// The one seam between the two engines: how a connection is opened and how a transaction is
/// scoped. SQL itself is written once, portable to both.
/// </summary>
public abstract class SqlDialect
{
    public abstract DatabaseProvider Provider { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    public abstract Task<DbTransaction> BeginAsync(DbConnection connection, bool write, CancellationToken cancellationToken);

    public abstract Task ApplyScopeAsync(DbTransaction transaction, SessionScope scope, CancellationToken cancellationToken);

    /// <summary>"<paramref name="column"/> is one of the list parameter <paramref name="parameter"/>".</summary>
    public abstract string InList(string column, string parameter);

    /// <summary>"<paramref name="column"/> (a uuid) is one of the ids in <paramref name="parameter"/>", given as <see cref="IdList"/>.</summary>
    public abstract string InIdList(string column, string parameter);

    /// <summary>Appended to a SELECT to hold its rows until commit; empty where a write transaction already excludes other writers.</summary>
    public abstract string ForUpdate { get; }

    /// <summary>Appended to a SELECT to keep its rows from changing until commit while other readers go on; empty where a write transaction already excludes other writers.</summary>
    public abstract string ForShare { get; }

    /// <summary>
    /// A statement that holds the lock named by the text parameter <paramref name="keyParameter"/>
    /// until commit, so writers of one key run one at a time; null where a write transaction
    /// already excludes other writers.
    /// </summary>
    public abstract string? LockUntilCommit(string keyParameter);

    /// <summary>Ids as a list parameter: lower-case text, since list items bypass Dapper's type handlers.</summary>
    public static string[] IdList(IEnumerable<Guid> ids) => ids.Select(id => id.ToString()).ToArray();
}

public sealed class PostgresDialect(NpgsqlDataSource dataSource) : SqlDialect
{
    // Transaction-local settings (is_local = true): they vanish at COMMIT/ROLLBACK, so a pooled
    // connection can never carry one organisation's scope into the next request.
    private const string ApplyScopeSql = """
        SELECT set_config('app.user_id', @UserId, true),
               set_config('app.org_id', @OrgId, true),
               set_config('app.scope', @Scope, true)
        """;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    // A read transaction is declared READ ONLY, so the database itself refuses a write in a query
    // (the session refuses it first; this holds for SQL that bypasses the session's checks too).
    public override async Task<DbTransaction> BeginAsync(DbConnection connection, bool write, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!write)
            await connection.ExecuteAsync(new CommandDefinition("SET TRANSACTION READ ONLY", transaction: transaction, cancellationToken: cancellationToken));
        return transaction;
    }

    // Dapper passes a list to Npgsql as one array parameter.
    public override string InList(string column, string parameter) => $"{column} = ANY(@{parameter})";

    public override string InIdList(string column, string parameter) => $"{column} = ANY(CAST(@{parameter} AS uuid[]))";

    public override string ForUpdate => "FOR UPDATE";

    public override string ForShare => "FOR SHARE";

    public override string? LockUntilCommit(string keyParameter) => $"SELECT pg_advisory_xact_lock(hashtextextended(@{keyParameter}, 0))";

    public override Task ApplyScopeAsync(DbTransaction transaction, SessionScope scope, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            ApplyScopeSql,
            new
            {
                UserId = scope.UserId?.ToString() ?? "",
                OrgId = scope.OrgId?.ToString() ?? "",
                Scope = scope.IsPlatformScope ? "platform" : "",
            },
            transaction,
            cancellationToken: cancellationToken));
}

public sealed class SqliteDialect(string connectionString) : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // query_only is per connection and outlives it in the pool: every open starts writable, as
        // a plain connection would, and BeginAsync sets it for the transaction it begins.
        await connection.ExecuteAsync("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; PRAGMA query_only = OFF;");
        return connection;
    }

    // A writer takes the write lock up front (BEGIN IMMEDIATE), waiting on busy_timeout behind
    // other writers; readers stay deferred and never block writers (WAL). Upgrading a deferred
    // transaction later could fail at once with SQLITE_BUSY, so a session never does: a reader's
    // connection is query_only, the engine's own READ ONLY.
    public override async Task<DbTransaction> BeginAsync(DbConnection connection, bool write, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(write ? "PRAGMA query_only = OFF" : "PRAGMA query_only = ON");
        return ((SqliteConnection)connection).BeginTransaction(deferred: !write);
    }

    // Dapper expands a list into one parameter per element for SQLite.
    public override string InList(string column, string parameter) => $"{column} IN @{parameter}";

    // Ids are stored as lower-case text (TypeHandlers), so the text list compares directly.
    public override string InIdList(string column, string parameter) => InList(column, parameter);

    // Write transactions begin IMMEDIATE: one writer at a time holds the whole database.
    public override string ForUpdate => "";

    public override string ForShare => "";

    public override string? LockUntilCommit(string keyParameter) => null;

    // SQLite has no row-level security: the WHERE org_id = @OrgId in every statement is the only line.
    public override Task ApplyScopeAsync(DbTransaction transaction, SessionScope scope, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
