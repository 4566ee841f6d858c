using FluentMigrator.Builders.Create.Table;

namespace CleanLedger.Infrastructure.Persistence.Migrations;

public static class ColumnTypes
{
    public static ICreateTableColumnOptionOrWithColumnSyntax Instant(this ICreateTableColumnAsTypeSyntax column, MigrationSettings settings) =>
        settings.Instant(column);

    public static ICreateTableColumnOptionOrWithColumnSyntax Date(this ICreateTableColumnAsTypeSyntax column, MigrationSettings settings) =>
        settings.Date(column);
}
