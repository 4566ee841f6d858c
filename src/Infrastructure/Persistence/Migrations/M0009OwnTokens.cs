using FluentMigrator;

namespace CleanLedger.Infrastructure.Persistence.Migrations;

/// <summary>
/// Our signing keys (private halves encrypted with Data Protection) and refresh tokens (hashes
/// only). Neither is a tenant's: no RLS; the app role may not delete (docs/adr/0019). Their
/// platform events go to the platform's audit chain (M0010).
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

        if (settings.Provider != DatabaseProvider.Postgres)
            return;

        Execute.Sql($"""
            GRANT SELECT, INSERT, UPDATE ON signing_keys, refresh_tokens TO {settings.AppRole};
            """);
    }

    public override void Down() => throw new NotSupportedException("The books' schema only moves forward.");
}
