using FluentMigrator;

namespace CleanLedger.Infrastructure.Persistence.Migrations;

/// <summary>
/// Each document's legal hold as it stands (the store keeps the file while it is on). One row per
/// held document, updated in place: the history of every change is the organisation's audit chain.
/// </summary>
[Migration(2026_12_04_13)]
public sealed class M0013LegalHolds(MigrationSettings settings) : Migration
{
    public override void Up()
    {
        Create.Table("document_legal_holds")
            .WithColumn("org_id").AsGuid().PrimaryKey("pk_document_legal_holds").ForeignKey("fk_document_legal_holds_org", "organizations", "id")
            .WithColumn("document_id").AsGuid().PrimaryKey("pk_document_legal_holds").ForeignKey("fk_document_legal_holds_document", "documents", "id")
            .WithColumn("on_hold").AsBoolean().NotNullable()
            .WithColumn("reason").AsString(500).NotNullable()
            .WithColumn("changed_at").Instant(settings).NotNullable()
            .WithColumn("changed_by").AsGuid().NotNullable();

        if (settings.Provider != DatabaseProvider.Postgres)
            return;

        Execute.Sql($"""
            {RowLevelSecurity.OrgIsolation("document_legal_holds")}
            GRANT SELECT, INSERT, UPDATE ON document_legal_holds TO {settings.AppRole};
            """);
    }

    public override void Down() => throw new NotSupportedException("The books' schema only moves forward.");
}
