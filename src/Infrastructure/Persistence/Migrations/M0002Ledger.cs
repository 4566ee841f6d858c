using FluentMigrator;

namespace CleanLedger.Infrastructure.Persistence.Migrations;

/// <summary>
/// The books: chart of accounts, fiscal years, period states, gapless series counters,
/// verifications with lines and linked documents, and the append-only audit trail. Posted rows
/// and audit events can never be updated or deleted: the app role is granted no UPDATE or DELETE
/// on them and triggers refuse it on both engines.
/// </summary>
[Migration(2026_11_24_02)]
public sealed class M0002Ledger(MigrationSettings settings) : Migration
{
    private static readonly string[] ImmutableTables = ["verifications", "verification_lines", "verification_documents", "audit_events"];

    private static readonly string[] TenantTables =
        ["accounts", "fiscal_years", "period_states", "verification_series", "verifications", "verification_lines", "verification_documents", "audit_events"];

    public override void Up()
    {
        Create.Table("accounts")
            .WithColumn("org_id").AsGuid().PrimaryKey("pk_accounts").ForeignKey("fk_accounts_org", "organizations", "id")
            .WithColumn("number").AsInt32().PrimaryKey("pk_accounts")
            .WithColumn("name").AsString(100).NotNullable()
            .WithColumn("type").AsString(16).NotNullable()
            .WithColumn("default_vat_code").AsString(32).NotNullable()
            .WithColumn("sru_code").AsString(8).Nullable()
            .WithColumn("input_vat_deductible").AsBoolean().NotNullable()
            .WithColumn("is_active").AsBoolean().NotNullable()
            .WithColumn("created_at").Instant(settings).NotNullable();

        Create.Table("fiscal_years")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("org_id").AsGuid().NotNullable().ForeignKey("fk_fiscal_years_org", "organizations", "id")
            .WithColumn("start_date").Date(settings).NotNullable()
            .WithColumn("end_date").Date(settings).NotNullable()
            .WithColumn("is_closed").AsBoolean().NotNullable()
            .WithColumn("created_at").Instant(settings).NotNullable();
        Create.Index("ux_fiscal_years_start").OnTable("fiscal_years").OnColumn("org_id").Ascending().OnColumn("start_date").Ascending()
            .WithOptions().Unique();

        Create.Table("period_states")
            .WithColumn("org_id").AsGuid().PrimaryKey("pk_period_states").ForeignKey("fk_period_states_org", "organizations", "id")
            .WithColumn("period").AsString(7).PrimaryKey("pk_period_states")
            .WithColumn("locked_at").Instant(settings).Nullable()
            .WithColumn("locked_by").AsGuid().Nullable()
            .WithColumn("vat_filed_at").Instant(settings).Nullable();

        Create.Table("verification_series")
            .WithColumn("org_id").AsGuid().PrimaryKey("pk_verification_series")
            .WithColumn("fiscal_year_id").AsGuid().PrimaryKey("pk_verification_series").ForeignKey("fk_series_fiscal_year", "fiscal_years", "id")
            .WithColumn("series").AsString(4).PrimaryKey("pk_verification_series")
            .WithColumn("next_number").AsInt64().NotNullable();

        Create.Table("verifications")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("org_id").AsGuid().NotNullable().ForeignKey("fk_verifications_org", "organizations", "id")
            .WithColumn("fiscal_year_id").AsGuid().NotNullable().ForeignKey("fk_verifications_fiscal_year", "fiscal_years", "id")
            .WithColumn("series").AsString(4).NotNullable()
            .WithColumn("number").AsInt64().NotNullable()
            .WithColumn("date").Date(settings).NotNullable()
            .WithColumn("registered_at").Instant(settings).NotNullable()
            .WithColumn("description").AsString(500).NotNullable()
            .WithColumn("counterparty").AsString(200).Nullable()
            .WithColumn("currency").AsString(3).NotNullable()
            .WithColumn("gross_ore").AsInt64().NotNullable()
            .WithColumn("reverses_id").AsGuid().Nullable().ForeignKey("fk_verifications_reverses", "verifications", "id")
            .WithColumn("posted_by").AsGuid().NotNullable()
            .WithColumn("compliance_results").AsString(int.MaxValue).NotNullable();
        Create.Index("ux_verifications_number").OnTable("verifications")
            .OnColumn("org_id").Ascending().OnColumn("fiscal_year_id").Ascending().OnColumn("series").Ascending().OnColumn("number").Ascending()
            .WithOptions().Unique();
        Create.Index("ux_verifications_reverses").OnTable("verifications").OnColumn("reverses_id").Ascending().WithOptions().Unique();
        Create.Index("ix_verifications_date").OnTable("verifications").OnColumn("org_id").Ascending().OnColumn("date").Ascending();
        Create.Index("ix_verifications_event").OnTable("verifications")
            .OnColumn("org_id").Ascending().OnColumn("counterparty").Ascending().OnColumn("date").Ascending().OnColumn("gross_ore").Ascending();

        Create.Table("verification_lines")
            .WithColumn("verification_id").AsGuid().PrimaryKey("pk_verification_lines").ForeignKey("fk_lines_verification", "verifications", "id")
            .WithColumn("line_no").AsInt32().PrimaryKey("pk_verification_lines")
            .WithColumn("org_id").AsGuid().NotNullable()
            .WithColumn("account").AsInt32().NotNullable()
            .WithColumn("debit_ore").AsInt64().NotNullable()
            .WithColumn("credit_ore").AsInt64().NotNullable()
            .WithColumn("vat_code").AsString(32).Nullable();
        Create.Index("ix_verification_lines_account").OnTable("verification_lines").OnColumn("org_id").Ascending().OnColumn("account").Ascending();

        Create.Table("verification_documents")
            .WithColumn("verification_id").AsGuid().PrimaryKey("pk_verification_documents").ForeignKey("fk_documents_verification", "verifications", "id")
            .WithColumn("document_id").AsGuid().PrimaryKey("pk_verification_documents")
            .WithColumn("org_id").AsGuid().NotNullable();
        Create.Index("ix_verification_documents_document").OnTable("verification_documents").OnColumn("org_id").Ascending().OnColumn("document_id").Ascending();

        Create.Table("audit_events")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("org_id").AsGuid().NotNullable()
            .WithColumn("occurred_at").Instant(settings).NotNullable()
            .WithColumn("user_id").AsGuid().NotNullable()
            .WithColumn("action").AsString(64).NotNullable()
            .WithColumn("subject").AsString(100).NotNullable()
            .WithColumn("details").AsString(int.MaxValue).NotNullable();
        Create.Index("ix_audit_events_org").OnTable("audit_events").OnColumn("org_id").Ascending().OnColumn("occurred_at").Ascending();

        Execute.Sql(settings.Provider == DatabaseProvider.Postgres ? PostgresConstraints() : SqliteConstraints());
    }

    public override void Down() => throw new NotSupportedException("The books' schema only moves forward.");

    private string PostgresConstraints() => $"""
        ALTER TABLE verification_lines ADD CONSTRAINT ck_lines_one_side
            CHECK (debit_ore >= 0 AND credit_ore >= 0 AND (debit_ore > 0) <> (credit_ore > 0));
        CREATE FUNCTION refuse_change_of_books() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'Posted bookkeeping records are never changed or deleted (%).', TG_TABLE_NAME
                USING ERRCODE = 'P0001';
        END $$;
        {string.Concat(ImmutableTables.Select(table => ImmutableRows.PostgresTrigger(table) + "\n"))}
        {string.Concat(TenantTables.Select(table => RowLevelSecurity.OrgIsolation(table) + "\n"))}
        GRANT SELECT, INSERT, UPDATE ON accounts, fiscal_years, period_states, verification_series TO {settings.AppRole};
        GRANT SELECT, INSERT ON verifications, verification_lines, verification_documents, audit_events TO {settings.AppRole};
        """;

    private static string SqliteConstraints() => """
        CREATE TRIGGER verification_lines_one_side BEFORE INSERT ON verification_lines
        WHEN NOT (NEW.debit_ore >= 0 AND NEW.credit_ore >= 0 AND (NEW.debit_ore > 0) <> (NEW.credit_ore > 0))
        BEGIN SELECT RAISE(ABORT, 'A verification line is either a positive debit or a positive credit.'); END;

        """ + string.Concat(ImmutableTables.Select(ImmutableRows.SqliteTriggers));
}
