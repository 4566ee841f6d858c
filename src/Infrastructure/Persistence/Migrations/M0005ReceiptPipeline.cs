using FluentMigrator;

namespace CleanLedger.Infrastructure.Persistence.Migrations;

/// <summary>
/// The receipt pipeline's own state per document (text, extraction, proposal, outcome), the
/// organisation's vendor memory, the feedback from approved reviews, and the durable event log
/// the KPI endpoints count.
/// </summary>
[Migration(2026_11_24_05)]
public sealed class M0005ReceiptPipeline(MigrationSettings settings) : Migration
{
    public override void Up()
    {
        Create.Table("receipt_processing")
            .WithColumn("document_id").AsGuid().PrimaryKey().ForeignKey("fk_receipt_processing_document", "documents", "id")
            .WithColumn("org_id").AsGuid().NotNullable().ForeignKey("fk_receipt_processing_org", "organizations", "id")
            .WithColumn("attempts").AsInt32().NotNullable()
            .WithColumn("started_at").Instant(settings).NotNullable()
            .WithColumn("ocr_text").AsString(int.MaxValue).Nullable()
            .WithColumn("ocr_confidence").AsDouble().Nullable()
            .WithColumn("ocr_source").AsString(16).Nullable()
            .WithColumn("extraction").AsString(int.MaxValue).Nullable()
            .WithColumn("total_ore").AsInt64().Nullable()
            .WithColumn("currency").AsString(3).Nullable()
            .WithColumn("proposal").AsString(int.MaxValue).Nullable()
            .WithColumn("review_reasons").AsString(int.MaxValue).Nullable()
            .WithColumn("compliance_results").AsString(int.MaxValue).Nullable()
            .WithColumn("verification_id").AsGuid().Nullable()
            .WithColumn("failure").AsString(500).Nullable()
            .WithColumn("finished_at").Instant(settings).Nullable();

        Create.Table("vendor_memory")
            .WithColumn("org_id").AsGuid().PrimaryKey("pk_vendor_memory").ForeignKey("fk_vendor_memory_org", "organizations", "id")
            .WithColumn("vendor_key").AsString(200).PrimaryKey("pk_vendor_memory")
            .WithColumn("vendor").AsString(200).NotNullable()
            .WithColumn("account").AsInt32().NotNullable()
            .WithColumn("learned_from").AsGuid().NotNullable()
            .WithColumn("updated_at").Instant(settings).NotNullable();

        Create.Table("receipt_feedback")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("org_id").AsGuid().NotNullable().ForeignKey("fk_receipt_feedback_org", "organizations", "id")
            .WithColumn("document_id").AsGuid().NotNullable().ForeignKey("fk_receipt_feedback_document", "documents", "id")
            .WithColumn("verification_id").AsGuid().NotNullable()
            .WithColumn("proposed").AsString(int.MaxValue).Nullable()
            .WithColumn("approved").AsString(int.MaxValue).NotNullable()
            .WithColumn("corrected").AsBoolean().NotNullable()
            .WithColumn("created_by").AsGuid().NotNullable()
            .WithColumn("created_at").Instant(settings).NotNullable();

        Create.Table("receipt_events")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("org_id").AsGuid().NotNullable().ForeignKey("fk_receipt_events_org", "organizations", "id")
            .WithColumn("document_id").AsGuid().NotNullable()
            .WithColumn("kind").AsString(32).NotNullable()
            .WithColumn("occurred_at").Instant(settings).NotNullable()
            .WithColumn("latency_ms").AsInt64().Nullable();
        Create.Index("ix_receipt_events_kind").OnTable("receipt_events").OnColumn("kind").Ascending().OnColumn("occurred_at").Ascending();
        // One outcome of each kind per document: a re-run job cannot count twice.
        Create.Index("ux_receipt_events_once").OnTable("receipt_events")
            .OnColumn("document_id").Ascending().OnColumn("kind").Ascending().WithOptions().Unique();

        if (settings.Provider != DatabaseProvider.Postgres)
            return;

        Execute.Sql($"""
            {RowLevelSecurity.OrgIsolation("receipt_processing")}
            {RowLevelSecurity.OrgIsolation("vendor_memory")}
            {RowLevelSecurity.OrgIsolation("receipt_feedback")}
            {RowLevelSecurity.Enable("receipt_events")}
            CREATE POLICY tenant_isolation ON receipt_events FOR ALL
                USING (org_id = app_org_id() OR app_is_platform_scope()) WITH CHECK (org_id = app_org_id());
            -- The job sweep and the platform KPIs look across organisations (platform scope only).
            CREATE POLICY platform_read ON documents FOR SELECT USING (app_is_platform_scope());
            CREATE POLICY platform_read ON receipt_processing FOR SELECT USING (app_is_platform_scope());
            GRANT SELECT, INSERT, UPDATE ON receipt_processing, vendor_memory TO {settings.AppRole};
            GRANT SELECT, INSERT ON receipt_feedback, receipt_events TO {settings.AppRole};
            """);
    }

    public override void Down() => throw new NotSupportedException("The books' schema only moves forward.");
}
