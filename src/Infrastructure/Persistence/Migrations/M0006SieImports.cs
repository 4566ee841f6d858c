using FluentMigrator;

namespace CleanLedger.Infrastructure.Persistence.Migrations;

/// <summary>
/// SIE imports as background jobs (ADR 0014): the import's state and progress, and the staging
/// rows its checked vouchers wait in until the one switch-over into the books. Unlike the books,
/// staging rows are deleted once moved or refused, so the app role may delete them.
/// </summary>
[Migration(2026_11_24_06)]
public sealed class M0006SieImports(MigrationSettings settings) : Migration
{
    public override void Up()
    {
        Create.Table("sie_imports")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("org_id").AsGuid().NotNullable().ForeignKey("fk_sie_imports_org", "organizations", "id")
            .WithColumn("state").AsString(16).NotNullable()
            .WithColumn("file_name").AsString(255).NotNullable()
            .WithColumn("storage_key").AsString(500).NotNullable()
            .WithColumn("sha256").AsString(64).NotNullable()
            .WithColumn("size_bytes").AsInt64().NotNullable()
            .WithColumn("requested_by").AsGuid().NotNullable()
            .WithColumn("lines_read").AsInt64().NotNullable()
            .WithColumn("bytes_read").AsInt64().NotNullable()
            .WithColumn("vouchers_staged").AsInt32().NotNullable()
            .WithColumn("fiscal_years_created").AsInt32().Nullable()
            .WithColumn("accounts_added").AsInt32().Nullable()
            .WithColumn("verifications_imported").AsInt32().Nullable()
            .WithColumn("warnings").AsString(int.MaxValue).NotNullable()
            .WithColumn("errors").AsString(int.MaxValue).NotNullable()
            .WithColumn("created_at").Instant(settings).NotNullable()
            .WithColumn("started_at").Instant(settings).Nullable()
            .WithColumn("finished_at").Instant(settings).Nullable();
        Create.Index("ix_sie_imports_org").OnTable("sie_imports").OnColumn("org_id").Ascending().OnColumn("created_at").Ascending();

        Create.Table("sie_import_vouchers")
            .WithColumn("import_id").AsGuid().PrimaryKey("pk_sie_import_vouchers").ForeignKey("fk_sie_import_vouchers_import", "sie_imports", "id")
            .WithColumn("seq").AsInt32().PrimaryKey("pk_sie_import_vouchers")
            .WithColumn("org_id").AsGuid().NotNullable()
            .WithColumn("verification_id").AsGuid().NotNullable()
            .WithColumn("fiscal_year_id").AsGuid().NotNullable()
            .WithColumn("series").AsString(4).NotNullable()
            .WithColumn("number").AsInt64().Nullable()
            .WithColumn("unnumbered_ordinal").AsInt32().Nullable()
            .WithColumn("date").Date(settings).NotNullable()
            .WithColumn("registered_at").Instant(settings).NotNullable()
            .WithColumn("description").AsString(500).NotNullable()
            .WithColumn("gross_ore").AsInt64().NotNullable()
            .WithColumn("line").AsInt32().NotNullable();

        Create.Table("sie_import_rows")
            .WithColumn("import_id").AsGuid().PrimaryKey("pk_sie_import_rows").ForeignKey("fk_sie_import_rows_import", "sie_imports", "id")
            .WithColumn("row_seq").AsInt64().PrimaryKey("pk_sie_import_rows")
            .WithColumn("org_id").AsGuid().NotNullable()
            .WithColumn("voucher_seq").AsInt32().NotNullable()
            .WithColumn("row_no").AsInt32().NotNullable()
            .WithColumn("account").AsInt32().NotNullable()
            .WithColumn("debit_ore").AsInt64().NotNullable()
            .WithColumn("credit_ore").AsInt64().NotNullable();
        Create.Index("ix_sie_import_rows_voucher").OnTable("sie_import_rows").OnColumn("import_id").Ascending().OnColumn("voucher_seq").Ascending();

        if (settings.Provider != DatabaseProvider.Postgres)
            return;

        Execute.Sql($"""
            {RowLevelSecurity.OrgIsolation("sie_imports")}
            {RowLevelSecurity.OrgIsolation("sie_import_vouchers")}
            {RowLevelSecurity.OrgIsolation("sie_import_rows")}
            GRANT SELECT, INSERT, UPDATE ON sie_imports TO {settings.AppRole};
            GRANT SELECT, INSERT, UPDATE, DELETE ON sie_import_vouchers, sie_import_rows TO {settings.AppRole};
            """);
    }

    public override void Down() => throw new NotSupportedException("The books' schema only moves forward.");
}
