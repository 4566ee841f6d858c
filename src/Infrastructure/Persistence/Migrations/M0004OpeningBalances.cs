using FluentMigrator;

namespace CleanLedger.Infrastructure.Persistence.Migrations;

/// <summary>Opening balances (ingående balanser) a fiscal year starts from when its earlier years are not in the books (SIE #IB).</summary>
[Migration(2026_11_24_04)]
public sealed class M0004OpeningBalances(MigrationSettings settings) : Migration
{
    public override void Up()
    {
        Create.Table("opening_balances")
            .WithColumn("org_id").AsGuid().PrimaryKey("pk_opening_balances").ForeignKey("fk_opening_balances_org", "organizations", "id")
            .WithColumn("fiscal_year_id").AsGuid().PrimaryKey("pk_opening_balances").ForeignKey("fk_opening_balances_year", "fiscal_years", "id")
            .WithColumn("account").AsInt32().PrimaryKey("pk_opening_balances")
            .WithColumn("amount_ore").AsInt64().NotNullable();

        if (settings.Provider != DatabaseProvider.Postgres)
            return;

        Execute.Sql($"""
            {RowLevelSecurity.OrgIsolation("opening_balances")}
            GRANT SELECT, INSERT ON opening_balances TO {settings.AppRole};
            """);
    }

    public override void Down() => throw new NotSupportedException("The books' schema only moves forward.");
}
