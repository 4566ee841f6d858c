namespace CleanLedger.Infrastructure.Persistence.Migrations;

/// <summary>
/// PostgreSQL's second line of tenant isolation. Policies compare a row's organisation with the
/// transaction-local setting the session applies; an unset setting reads as NULL and matches
/// nothing. FORCE makes the policies bind the tables' owner too.
/// </summary>
public static class RowLevelSecurity
{
    // NULLIF: once set and reset in a session, current_setting returns '' rather than NULL.
    public const string Functions = """
        CREATE OR REPLACE FUNCTION app_org_id() RETURNS uuid LANGUAGE sql STABLE
            AS $$ SELECT NULLIF(current_setting('app.org_id', true), '')::uuid $$;
        CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE
            AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;
        CREATE OR REPLACE FUNCTION app_is_platform_scope() RETURNS boolean LANGUAGE sql STABLE
            AS $$ SELECT coalesce(current_setting('app.scope', true), '') = 'platform' $$;
        """;

    public static string Enable(string table) => $"""
        ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
        """;

    /// <summary>The usual policy: rows of the current organisation only, for reads and writes.</summary>
    public static string OrgIsolation(string table) => $"""
        {Enable(table)}
        CREATE POLICY tenant_isolation ON {table} FOR ALL
            USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
        """;
}
