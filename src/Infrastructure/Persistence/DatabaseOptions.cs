using System.ComponentModel.DataAnnotations;

namespace CleanLedger.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Section "Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>What the app connects with. On PostgreSQL a role that owns no table and cannot bypass RLS.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>What migrations run as (the tables' owner). Defaults to <see cref="ConnectionString"/>.</summary>
    public string? MigrationConnectionString { get; set; }

    /// <summary>The PostgreSQL role the app connects as; migrations grant it exactly what it needs.</summary>
    public string AppRole { get; set; } = "cleanledger_app";

    /// <summary>The PostgreSQL role the job storage (Hangfire) connects as; migrations give it its own schema and nothing of the books.</summary>
    public string JobsRole { get; set; } = "cleanledger_jobs";

    public bool MigrateOnStart { get; set; } = true;

    public string EffectiveMigrationConnectionString =>
        string.IsNullOrWhiteSpace(MigrationConnectionString) ? ConnectionString : MigrationConnectionString;
}
