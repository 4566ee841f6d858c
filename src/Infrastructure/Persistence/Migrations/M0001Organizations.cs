using FluentMigrator;

namespace CleanLedger.Infrastructure.Persistence.Migrations;

/// <summary>Users, organisations and memberships, with row-level security on the tenant tables.</summary>
[Migration(2026_11_24_01)]
public sealed class M0001Organizations(MigrationSettings settings) : Migration
{
    public override void Up()
    {
        Create.Table("users")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("display_name").AsString(200).Nullable()
            .WithColumn("created_at").Instant(settings).NotNullable();

        Create.Table("organizations")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("name").AsString(200).NotNullable()
            .WithColumn("org_number").AsString(11).NotNullable()
            .WithColumn("vat_period").AsString(16).NotNullable()
            .WithColumn("fiscal_year_start").AsString(5).NotNullable()
            .WithColumn("created_at").Instant(settings).NotNullable();

        Create.Table("memberships")
            .WithColumn("org_id").AsGuid().PrimaryKey("pk_memberships").ForeignKey("fk_memberships_org", "organizations", "id")
            .WithColumn("user_id").AsGuid().PrimaryKey("pk_memberships").ForeignKey("fk_memberships_user", "users", "id")
            .WithColumn("role").AsString(16).NotNullable()
            .WithColumn("created_at").Instant(settings).NotNullable();
        Create.Index("ix_memberships_user").OnTable("memberships").OnColumn("user_id");

        if (settings.Provider != DatabaseProvider.Postgres)
            return;

        Execute.Sql(RowLevelSecurity.Functions);
        Execute.Sql($"""
            {RowLevelSecurity.Enable("organizations")}
            CREATE POLICY tenant_read ON organizations FOR SELECT
                USING (id = app_org_id() OR app_is_platform_scope()
                       OR EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = organizations.id AND m.user_id = app_user_id()));
            CREATE POLICY tenant_write ON organizations FOR ALL
                USING (id = app_org_id()) WITH CHECK (id = app_org_id());

            {RowLevelSecurity.Enable("memberships")}
            CREATE POLICY tenant_read ON memberships FOR SELECT
                USING (org_id = app_org_id() OR user_id = app_user_id() OR app_is_platform_scope());
            CREATE POLICY tenant_write ON memberships FOR ALL
                USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

            GRANT SELECT, INSERT, UPDATE ON users, organizations, memberships TO {settings.AppRole};
            """);
    }

    public override void Down() => throw new NotSupportedException("The books' schema only moves forward.");
}
