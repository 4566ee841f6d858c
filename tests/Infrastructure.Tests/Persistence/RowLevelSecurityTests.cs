using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.CreateOrganization;
using CleanLedger.Domain.Organizations;
using CleanLedger.Testing;
using Dapper;
using Npgsql;

namespace CleanLedger.Infrastructure.Tests.Persistence;

/// <summary>
/// The database itself keeps organisations apart: raw SQL as the app role, with no WHERE on the
/// organisation, sees only what the transaction's organisation setting allows.
/// </summary>
public sealed class RowLevelSecurityTests(PostgresFixture fixture) : DatabaseTest<PostgresFixture>(fixture)
{
    private readonly TestUser _alice = TestUser.New("Alice");
    private readonly TestUser _bob = TestUser.New("Bob");

    [Fact]
    public async Task Under_org_Bs_setting_a_raw_read_returns_none_of_org_As_rows()
    {
        var (orgA, orgB) = await CreateTwoOrganizationsAsync();

        await using var connection = await OpenAsAppRoleAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ScopeAsync(connection, orgB.Id);

        (await connection.QueryAsync<Guid>("SELECT id FROM organizations", transaction: transaction)).ShouldBe([orgB.Id]);
        (await connection.QueryAsync<Guid>("SELECT org_id FROM memberships", transaction: transaction)).ShouldBe([orgB.Id]);
        (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM organizations WHERE id = @id", new { id = orgA.Id }, transaction)).ShouldBe(0);
    }

    [Fact]
    public async Task Without_any_setting_the_app_role_sees_no_tenant_rows()
    {
        await CreateTwoOrganizationsAsync();

        await using var connection = await OpenAsAppRoleAsync();

        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM organizations")).ShouldBe(0);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM memberships")).ShouldBe(0);
    }

    [Fact]
    public async Task Writing_into_another_organisation_violates_the_policy()
    {
        var (orgA, orgB) = await CreateTwoOrganizationsAsync();

        await using var connection = await OpenAsAppRoleAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ScopeAsync(connection, orgB.Id);

        var error = await Should.ThrowAsync<PostgresException>(() => connection.ExecuteAsync(
            "INSERT INTO memberships (org_id, user_id, role, created_at) VALUES (@org, @user, 'owner', now())",
            new { org = orgA.Id, user = _bob.Id },
            transaction));
        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        error.MessageText.ShouldContain("row-level security");
    }

    [Fact]
    public async Task The_settings_end_with_the_transaction_so_a_pooled_connection_carries_nothing_over()
    {
        var (_, orgB) = await CreateTwoOrganizationsAsync();

        await using var connection = await OpenAsAppRoleAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await ScopeAsync(connection, orgB.Id);
            (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM organizations", transaction: transaction)).ShouldBe(1);
            await transaction.CommitAsync();
        }

        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM organizations")).ShouldBe(0);
    }

    [Fact]
    public async Task The_app_role_owns_nothing_and_cannot_bypass_row_level_security()
    {
        await using var connection = new NpgsqlConnection(((PostgresTestDatabase)Fixture.Database).SuperuserConnectionString);
        var role = await connection.QuerySingleAsync<(bool Super, bool Bypass)>(
            "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = @name", new { name = PostgresTestDatabase.AppRole });
        role.ShouldBe((false, false));
        (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = @name",
            new { name = PostgresTestDatabase.AppRole })).ShouldBe(0);
    }

    [Fact]
    public async Task Every_tenant_table_forces_row_level_security_and_has_a_policy()
    {
        await using var connection = new NpgsqlConnection(((PostgresTestDatabase)Fixture.Database).SuperuserConnectionString);
        var tenantTables = (await connection.QueryAsync<(string Table, bool Enabled, bool Forced, long Policies)>(
            """
            SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
                   (SELECT count(*) FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
              AND (c.relname = 'organizations'
                   OR EXISTS (SELECT 1 FROM information_schema.columns col
                              WHERE col.table_schema = 'public' AND col.table_name = c.relname AND col.column_name = 'org_id'))
            ORDER BY c.relname
            """)).ToList();

        tenantTables.Select(table => table.Table).ShouldContain("memberships");
        tenantTables.ShouldAllBe(table => table.Enabled && table.Forced && table.Policies > 0);
    }

    private async Task<(OrganizationDetails A, OrganizationDetails B)> CreateTwoOrganizationsAsync()
    {
        var a = await App.SendAsync<OrganizationDetails>(_alice, new CreateOrganization("A AB", "556677-8899", VatPeriod.Monthly, "01-01"));
        var b = await App.SendAsync<OrganizationDetails>(_bob, new CreateOrganization("B AB", "559900-1129", VatPeriod.Yearly, "07-01"));
        return (a, b);
    }

    private async Task<NpgsqlConnection> OpenAsAppRoleAsync()
    {
        var connection = new NpgsqlConnection(Fixture.Database.Options.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static Task ScopeAsync(NpgsqlConnection connection, Guid orgId) =>
        connection.ExecuteAsync("SELECT set_config('app.org_id', @org, true)", new { org = orgId.ToString() });
}
