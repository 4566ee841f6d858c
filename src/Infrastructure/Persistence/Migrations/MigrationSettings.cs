using FluentMigrator.Builders.Create.Table;

namespace CleanLedger.Infrastructure.Persistence.Migrations;

/// <summary>What migrations need to know beyond the schema: the engine, the runtime role to grant to, and the job storage's role.</summary>
public sealed record MigrationSettings(DatabaseProvider Provider, string AppRole, string JobsRole)
{
    /// <summary>An instant: timestamptz on PostgreSQL, ISO-8601 UTC text on SQLite (see TypeHandlers).</summary>
    public string InstantType => Provider == DatabaseProvider.Postgres ? "timestamptz" : "TEXT";

    /// <inheritdoc cref="InstantType"/>
    public ICreateTableColumnOptionOrWithColumnSyntax Instant(ICreateTableColumnAsTypeSyntax column) => column.AsCustom(InstantType);

    /// <summary>A calendar date: date on PostgreSQL, yyyy-MM-dd text on SQLite.</summary>
    public ICreateTableColumnOptionOrWithColumnSyntax Date(ICreateTableColumnAsTypeSyntax column) =>
        column.AsCustom(Provider == DatabaseProvider.Postgres ? "date" : "TEXT");
}
