using FluentMigrator;

namespace CleanLedger.Infrastructure.Persistence.Migrations;

/// <summary>
/// Sign-in with BankID through an OIDC broker (docs/adr/0022): a user is found by the HMAC of
/// their personnummer (never the number), with the broker subject and the time they last signed
/// in; started sign-ins keep only hashes of their state, nonce and browser binding; refused
/// refreshes are counted per family to lock it. None is a tenant's: no RLS, and the app role may
/// not delete (as docs/adr/0019 has it for the token tables).
/// </summary>
[Migration(2026_12_04_11)]
public sealed class M0011BankIdSignIn(MigrationSettings settings) : Migration
{
    public override void Up()
    {
        Alter.Table("users")
            .AddColumn("personnummer_hash").AsString(64).Nullable()
            .AddColumn("broker_subject").AsString(255).Nullable()
            .AddColumn("last_sign_in_at").AsCustom(settings.InstantType).Nullable();
        // One user per person, whatever signs in concurrently; users without BankID have none (NULLs never collide).
        Create.Index("ux_users_personnummer_hash").OnTable("users").OnColumn("personnummer_hash").Unique();

        Create.Table("sign_in_attempts")
            .WithColumn("state_hash").AsString(64).PrimaryKey()
            .WithColumn("binding_hash").AsString(64).NotNullable()
            .WithColumn("nonce_hash").AsString(64).NotNullable()
            .WithColumn("created_at").Instant(settings).NotNullable()
            .WithColumn("expires_at").Instant(settings).NotNullable()
            .WithColumn("used_at").Instant(settings).Nullable();

        Create.Table("refresh_token_refusals")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("family_id").AsGuid().NotNullable()
            .WithColumn("refused_at").Instant(settings).NotNullable();
        Create.Index("ix_refresh_token_refusals_family").OnTable("refresh_token_refusals")
            .OnColumn("family_id").Ascending().OnColumn("refused_at").Ascending();

        if (settings.Provider != DatabaseProvider.Postgres)
            return;

        Execute.Sql($"""
            GRANT SELECT, INSERT, UPDATE ON sign_in_attempts TO {settings.AppRole};
            GRANT SELECT, INSERT ON refresh_token_refusals TO {settings.AppRole};
            """);
    }

    public override void Down() => throw new NotSupportedException("The books' schema only moves forward.");
}
