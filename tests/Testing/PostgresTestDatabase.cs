using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Infrastructure.Persistence.Migrations;
using Npgsql;
using Respawn;

namespace CleanLedger.Testing;

/// <summary>
/// A database of its own in the test cluster. Migrations run as the owner role, the app as the
/// non-owner app role (so RLS binds it), the job storage as the jobs role, and Respawn as the superuser (RLS would hide rows from
/// anyone else and its DELETEs would silently skip them).
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string ServerVariable = "CLEANLEDGER_TEST_POSTGRES";
    public const string OwnerRole = "cleanledger_owner";
    public const string AppRole = "cleanledger_app";
    public const string JobsRole = "cleanledger_jobs";

    private readonly string _superuser;
    private readonly string _name;
    private Respawner? _respawner;

    private PostgresTestDatabase(string superuser, string name, DatabaseOptions options, string jobsConnectionString)
    {
        _superuser = superuser;
        _name = name;
        Options = options;
        JobsConnectionString = jobsConnectionString;
    }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override DatabaseOptions Options { get; }

    public override string JobsConnectionString { get; }

    /// <summary>The superuser, connected to this test's database (bypasses RLS: for setup and proofs only).</summary>
    public string SuperuserConnectionString => new NpgsqlConnectionStringBuilder(_superuser) { Database = _name }.ConnectionString;

    /// <summary>The superuser connection to the cluster, from the environment ./build/test.sh sets.</summary>
    public static string Server =>
        Environment.GetEnvironmentVariable(ServerVariable)
        ?? throw new InvalidOperationException($"{ServerVariable} is not set: run the tests with ./build/test.sh, which starts PostgreSQL.");

    /// <param name="upToVersion">Migrate only this far (see <see cref="DatabaseMigrator.Migrate"/>).</param>
    public static async Task<PostgresTestDatabase> CreateAsync(long? upToVersion = null)
    {
        var superuser = Server;
        var name = $"cl_test_{Guid.NewGuid():N}"[..24];
        await using (var connection = new NpgsqlConnection(superuser))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} OWNER {OwnerRole}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var server = new NpgsqlConnectionStringBuilder(superuser) { Database = name, Pooling = true };
        string As(string role) =>
            new NpgsqlConnectionStringBuilder(server.ConnectionString) { Username = role, Password = role }.ConnectionString;

        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = As(AppRole),
            MigrationConnectionString = As(OwnerRole),
            AppRole = AppRole,
            JobsRole = JobsRole,
        };
        DatabaseMigrator.Migrate(options, upToVersion);
        return new PostgresTestDatabase(superuser, name, options, As(JobsRole));
    }

    public override async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(SuperuserConnectionString);
        await connection.OpenAsync();
        // Replica mode skips triggers, including the ones that keep posted books immutable.
        await using (var replica = new NpgsqlCommand("SET session_replication_role = replica", connection))
            await replica.ExecuteNonQueryAsync();
        _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = ["VersionInfo"],
        });
        await _respawner.ResetAsync(connection);
    }

    public override async ValueTask DisposeAsync()
    {
        DeleteDocuments();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_superuser);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
