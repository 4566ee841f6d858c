using FluentMigrator;

namespace CleanLedger.Infrastructure.Persistence.Migrations;

/// <summary>Uploaded documents (one row per distinct content per organisation) and Idempotency-Key records.</summary>
[Migration(2026_11_24_03)]
public sealed class M0003Documents(MigrationSettings settings) : Migration
{
    public override void Up()
    {
        Create.Table("documents")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("org_id").AsGuid().NotNullable().ForeignKey("fk_documents_org", "organizations", "id")
            .WithColumn("status").AsString(16).NotNullable()
            .WithColumn("sha256").AsString(64).NotNullable()
            .WithColumn("file_name").AsString(255).NotNullable()
            .WithColumn("content_type").AsString(64).NotNullable()
            .WithColumn("size_bytes").AsInt64().NotNullable()
            .WithColumn("width").AsInt32().Nullable()
            .WithColumn("height").AsInt32().Nullable()
            .WithColumn("pages").AsInt32().Nullable()
            .WithColumn("storage_key").AsString(200).NotNullable()
            .WithColumn("scan_result").AsString(16).NotNullable()
            .WithColumn("uploaded_at").Instant(settings).NotNullable()
            .WithColumn("uploaded_by").AsGuid().NotNullable();
        Create.Index("ux_documents_sha256").OnTable("documents").OnColumn("org_id").Ascending().OnColumn("sha256").Ascending().WithOptions().Unique();
        Create.Index("ix_documents_status").OnTable("documents").OnColumn("org_id").Ascending().OnColumn("status").Ascending();

        Create.Table("idempotency_keys")
            .WithColumn("org_id").AsGuid().PrimaryKey("pk_idempotency_keys")
            .WithColumn("user_id").AsGuid().PrimaryKey("pk_idempotency_keys")
            .WithColumn("key").AsString(255).PrimaryKey("pk_idempotency_keys")
            .WithColumn("fingerprint").AsString(400).NotNullable()
            .WithColumn("response").AsString(int.MaxValue).Nullable()
            .WithColumn("created_at").Instant(settings).NotNullable();

        if (settings.Provider != DatabaseProvider.Postgres)
            return;

        Execute.Sql($"""
            {RowLevelSecurity.OrgIsolation("documents")}
            {RowLevelSecurity.OrgIsolation("idempotency_keys")}
            GRANT SELECT, INSERT, UPDATE ON documents, idempotency_keys TO {settings.AppRole};
            """);
    }

    public override void Down() => throw new NotSupportedException("The books' schema only moves forward.");
}
