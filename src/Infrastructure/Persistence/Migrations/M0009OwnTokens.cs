using FluentMigrator;

namespace CleanLedger.Infrastructure.Persistence.Migrations;

/// <summary>
/// Our signing keys (private halves encrypted with Data Protection), refresh tokens (hashes
/// only) and the audit of platform events that belong to no organisation. None of them is a
/// tenant's: no RLS; the app role may not delete, and the audit is insert-only (docs/adr/0019).
/// </summary>
[Migration(2026_12_04_09)]
public sealed class M0009OwnTokens(MigrationSettings settings) : Migration
{
    public override void Up()
    {
        Create.Table("signing_keys")
            .WithColumn("kid").AsString(64).PrimaryKey()
            .WithColumn("algorithm").AsString(16).NotNullable()
            .WithColumn("public_jwk").AsString(2000).NotNullable()
            .WithColumn("protected_private_key").AsString(4000).NotNullable()
            .WithColumn("state").AsString(16).NotNullable()
            .WithColumn("created_at").Instant(settings).NotNullable()
            .WithColumn("state_changed_at").Instant(settings).NotNullable()
            .WithColumn("retire_at").Instant(settings).Nullable();
        // One signing key at a time, whatever runs concurrently.
        Execute.Sql("CREATE UNIQUE INDEX ux_signing_keys_one_current ON signing_keys (state) WHERE state = 'Current';");

        Create.Table("refresh_tokens")
            .WithColumn("token_hash").AsString(64).PrimaryKey()
            .WithColumn("family_id").AsGuid().NotNullable()
            .WithColumn("user_id").AsGuid().NotNullable().ForeignKey("fk_refresh_tokens_user", "users", "id")
            .WithColumn("issued_at").Instant(settings).NotNullable()
            .WithColumn("expires_at").Instant(settings).NotNullable()
            .WithColumn("used_at").Instant(settings).Nullable()
            .WithColumn("revoked_at").Instant(settings).Nullable();
        Create.Index("ix_refresh_tokens_family").OnTable("refresh_tokens").OnColumn("family_id");
        Create.Index("ix_refresh_tokens_user").OnTable("refresh_tokens").OnColumn("user_id");

        Create.Table("platform_audit_events")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("occurred_at").Instant(settings).NotNullable()
            .WithColumn("user_id").AsGuid().Nullable()
            .WithColumn("action").AsString(64).NotNullable()
            .WithColumn("subject").AsString(200).NotNullable()
            .WithColumn("details").AsString(int.MaxValue).NotNullable();

        if (settings.Provider != DatabaseProvider.Postgres)
            return;

        Execute.Sql($"""
            GRANT SELECT, INSERT, UPDATE ON signing_keys, refresh_tokens TO {settings.AppRole};
            GRANT SELECT, INSERT ON platform_audit_events TO {settings.AppRole};
            """);
    }

    public override void Down() => throw new NotSupportedException("The books' schema only moves forward.");
}
