using System.Data.Common;
using CleanLedger.Application.Audit.VerifyAuditChains;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Infrastructure.Persistence.Migrations;
using CleanLedger.Testing;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CleanLedger.Infrastructure.Tests.Persistence;

/// <summary>The migration that starts the chains hashes the audit rows already there, each organisation's in the order they happened.</summary>
public abstract class AuditChainMigrationTests(DatabaseProvider provider) : IAsyncLifetime
{
    // Every migration before the chain (M0010PrivilegedActions is 2026_12_04_10).
    private const long BeforeTheChain = 2026_12_04_09;
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private readonly Guid _orgA = Guid.NewGuid();
    private readonly Guid _orgB = Guid.NewGuid();
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        TypeHandlers.Register();
        _database = await TestDatabase.CreateAsync(provider, BeforeTheChain);
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Existing_rows_are_chained_in_time_order_and_new_rows_continue_the_chain()
    {
        // Inserted out of time order: the chain follows when they happened, not when they were written.
        var third = await InsertPreChainEventAsync(_orgA, Monday.AddMinutes(2), "vat.filed", """{"period":"2026-10","amount":-125050}""");
        var first = await InsertPreChainEventAsync(_orgA, Monday, "organization.created", """{"name":"Åkerö \u00C5B"}""");
        var second = await InsertPreChainEventAsync(_orgA, Monday.AddMinutes(1).AddTicks(4_560), "period.locked", "{}");
        await InsertPreChainEventAsync(_orgB, Monday, "organization.created", """{"name":"Beta"}""");

        DatabaseMigrator.Migrate(_database.Options);

        (await QueryAsync<Guid>("SELECT id FROM audit_events WHERE org_id = @orgId ORDER BY chain_position", new { orgId = _orgA }))
            .ShouldBe([first, second, third]);
        await using var app = new ApplicationHarness(_database);
        var staff = TestUser.Admin("Stina Support");
        (await app.SendAsync<AuditVerification>(staff, new VerifyAuditChains()))
            .ShouldBe(new AuditVerification(Verified: true, Checked: 4, FirstBrokenRow: null));
    }

    private async Task<Guid> InsertPreChainEventAsync(Guid orgId, DateTimeOffset occurredAt, string action, string details)
    {
        var id = Guid.CreateVersion7(occurredAt);
        await using var connection = await OpenAsOwnerOfEverythingAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO audit_events (id, org_id, occurred_at, user_id, action, subject, details)
            VALUES (@id, @orgId, @occurredAt, @userId, @action, @subject, @details)
            """,
            new { id, orgId, occurredAt, userId = Guid.NewGuid(), action, subject = $"organization/{orgId}", details });
        return id;
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object parameters)
    {
        await using var connection = await OpenAsOwnerOfEverythingAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).AsList();
    }

    // The superuser on PostgreSQL (RLS would hide the rows from anyone else); the file on SQLite.
    private async Task<DbConnection> OpenAsOwnerOfEverythingAsync()
    {
        DbConnection connection = _database is PostgresTestDatabase postgres
            ? new NpgsqlConnection(postgres.SuperuserConnectionString)
            : new SqliteConnection(_database.Options.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}

public sealed class AuditChainMigrationTestsOnSqlite() : AuditChainMigrationTests(DatabaseProvider.Sqlite);

public sealed class AuditChainMigrationTestsOnPostgres() : AuditChainMigrationTests(DatabaseProvider.Postgres);
