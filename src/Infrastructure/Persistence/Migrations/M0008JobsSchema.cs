using CleanLedger.Infrastructure.Jobs;
using FluentMigrator;

namespace CleanLedger.Infrastructure.Persistence.Migrations;

/// <summary>
/// PostgreSQL: the job storage's schema, made by the owner for the jobs role, which creates and
/// owns Hangfire's tables in it and has no right on anything of the books (docs/adr/0017). Tables
/// an earlier start made there as the owner are granted to it too.
/// </summary>
[Migration(2026_12_04_08)]
public sealed class M0008JobsSchema(MigrationSettings settings) : Migration
{
    public override void Up()
    {
        if (settings.Provider != DatabaseProvider.Postgres)
            return;

        Execute.Sql($"""
            CREATE SCHEMA IF NOT EXISTS {JobsSetup.PostgresSchema};
            GRANT USAGE, CREATE ON SCHEMA {JobsSetup.PostgresSchema} TO {settings.JobsRole};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {JobsSetup.PostgresSchema} TO {settings.JobsRole};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {JobsSetup.PostgresSchema} TO {settings.JobsRole};
            """);
    }

    public override void Down() => throw new NotSupportedException("The books' schema only moves forward.");
}
