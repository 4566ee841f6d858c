using FluentMigrator.Runner;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Infrastructure.Persistence.Migrations;

/// <summary>Brings either engine's schema up to date, as the tables' owner.</summary>
public static class DatabaseMigrator
{
    /// <param name="options">The database and the roles to grant to.</param>
    /// <param name="upToVersion">Stop after this migration (a test that needs data from before a later one); every migration when null.</param>
    public static void Migrate(DatabaseOptions options, long? upToVersion = null)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
            PrepareSqliteFile(options.EffectiveMigrationConnectionString);

        using var services = new ServiceCollection()
            .AddSingleton(new MigrationSettings(options.Provider, options.AppRole, options.JobsRole))
            .AddFluentMigratorCore()
            .ConfigureRunner(runner =>
            {
                _ = options.Provider == DatabaseProvider.Postgres ? runner.AddPostgres() : runner.AddSQLite();
                runner.WithGlobalConnectionString(options.EffectiveMigrationConnectionString)
                    .ScanIn(typeof(DatabaseMigrator).Assembly).For.Migrations();
            })
            .BuildServiceProvider(validateScopes: false);

        var runner = services.GetRequiredService<IMigrationRunner>();
        if (upToVersion is { } version)
            runner.MigrateUp(version);
        else
            runner.MigrateUp();
    }

    // WAL lets readers go on while one writer commits; it is a property of the file, set once.
    private static void PrepareSqliteFile(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }
}
