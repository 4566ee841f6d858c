using System.Data.Common;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Infrastructure.Persistence.Migrations;
using CleanLedger.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Infrastructure.Tests.Persistence;

/// <summary>The session's transaction rules and the portable type mapping, on both engines.</summary>
public abstract class DbSessionTests<TFixture>(TFixture fixture) : DatabaseTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    private readonly Guid _userId = Guid.NewGuid();

    [Fact]
    public async Task A_write_outside_a_unit_of_work_is_refused()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();

        await Should.ThrowAsync<InvalidOperationException>(() => InsertUserAsync(session, _userId));
    }

    [Fact]
    public async Task An_uncommitted_unit_of_work_leaves_nothing_behind()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            await session.BeginAsync(CancellationToken.None);
            await InsertUserAsync(session, _userId);
            (await CountUsersAsync(session, _userId)).ShouldBe(1);
        }

        await using var reader = App.Services.CreateAsyncScope();
        (await CountUsersAsync(reader.ServiceProvider.GetRequiredService<DbSession>(), _userId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_write_smuggled_into_a_querys_transaction_is_refused_by_the_database()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();

        // A read method carrying a write gets past the session's own check; the engine refuses it.
        var refused = await Should.ThrowAsync<DbException>(() => session.QuerySingleOrDefaultAsync<Guid>(
            "INSERT INTO users (id, created_at) VALUES (@id, @now) RETURNING id", new { id = _userId, now = DateTimeOffset.UtcNow }, CancellationToken.None));

        refused.Message.ShouldContain("read", Case.Insensitive);
        await using var reader = App.Services.CreateAsyncScope();
        (await CountUsersAsync(reader.ServiceProvider.GetRequiredService<DbSession>(), _userId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_unit_of_work_begun_after_a_read_ends_the_read_and_writes()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            (await CountUsersAsync(session, _userId)).ShouldBe(0);
            await session.BeginAsync(CancellationToken.None);
            await InsertUserAsync(session, _userId);
            await Should.ThrowAsync<InvalidOperationException>(() => session.BeginAsync(CancellationToken.None));
            await session.CommitAsync(CancellationToken.None);
        }

        await using var reader = App.Services.CreateAsyncScope();
        (await CountUsersAsync(reader.ServiceProvider.GetRequiredService<DbSession>(), _userId)).ShouldBe(1);
    }

    [Fact]
    public async Task Ids_instants_and_dates_round_trip_exactly()
    {
        var at = new DateTimeOffset(2026, 3, 31, 23, 59, 58, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            await session.BeginAsync(CancellationToken.None);
            await session.ExecuteAsync(
                "INSERT INTO users (id, display_name, created_at) VALUES (@id, 'Åsa Öberg', @at)", new { id = _userId, at }, CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }

        await using var reader = App.Services.CreateAsyncScope();
        var row = await reader.ServiceProvider.GetRequiredService<DbSession>().QuerySingleOrDefaultAsync<(Guid Id, string Name, DateTimeOffset At)>(
            "SELECT id, display_name, created_at FROM users WHERE id = @id", new { id = _userId }, CancellationToken.None);
        row.ShouldBe((_userId, "Åsa Öberg", at.ToUniversalTime().AddTicks(-(at.Ticks % 10))));
        row.At.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public async Task A_write_refused_by_a_unique_key_is_told_apart_from_other_refusals()
    {
        var duplicate = await RefusedAsync(async session =>
        {
            await InsertUserAsync(session, _userId);
            await InsertUserAsync(session, _userId);
        });
        var missingValue = await RefusedAsync(session =>
            session.ExecuteAsync("INSERT INTO users (id, created_at) VALUES (@id, NULL)", new { id = _userId }, CancellationToken.None));

        ConstraintViolation.Of(duplicate).ShouldBe(ConstraintKind.Unique);
        missingValue.Message.ShouldContain("null", Case.Insensitive);
        ConstraintViolation.Of(missingValue).ShouldBe(ConstraintKind.Value);
    }

    [Fact]
    public async Task A_write_refused_by_a_foreign_key_is_told_apart()
    {
        var missingOrg = Guid.NewGuid();

        var refused = await RefusedAsync(
            session => session.ExecuteAsync(
                "INSERT INTO accounts (org_id, number, name, type, default_vat_code, input_vat_deductible, is_active, created_at) VALUES (@missingOrg, 1930, 'Bank', 'Asset', 'None', TRUE, TRUE, @now)",
                new { missingOrg, now = DateTimeOffset.UtcNow },
                CancellationToken.None),
            inOrg: missingOrg);

        ConstraintViolation.Of(refused).ShouldBe(ConstraintKind.Reference);
    }

    protected async Task<Exception> RefusedAsync(Func<DbSession, Task> write, Guid? inOrg = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        if (inOrg is { } orgId)
            scope.ServiceProvider.GetRequiredService<Application.Common.Security.OrgContext>().Enter(orgId);
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await session.BeginAsync(CancellationToken.None);
        return await Should.ThrowAsync<Exception>(() => write(session));
    }

    [Fact]
    public void Migrating_again_changes_nothing() =>
        Should.NotThrow(() => DatabaseMigrator.Migrate(Fixture.Database.Options));

    private static Task InsertUserAsync(DbSession session, Guid id) =>
        session.ExecuteAsync("INSERT INTO users (id, created_at) VALUES (@id, @now)", new { id, now = DateTimeOffset.UtcNow }, CancellationToken.None);

    private static async Task<long> CountUsersAsync(DbSession session, Guid id) =>
        await session.QuerySingleOrDefaultAsync<long>("SELECT count(*) FROM users WHERE id = @id", new { id }, CancellationToken.None);
}

public sealed class DbSessionTestsOnPostgres(PostgresFixture fixture) : DbSessionTests<PostgresFixture>(fixture)
{
    // SQLite stores any length and any character; PostgreSQL refuses both, and the refusal is a value's, not the server's.
    [Theory]
    [InlineData(201, "x")]
    [InlineData(3, "a\u0000b")]
    public async Task A_value_the_schema_cannot_store_is_told_apart(int repeat, string text)
    {
        var name = string.Concat(Enumerable.Repeat(text, repeat));

        var refused = await RefusedAsync(session => session.ExecuteAsync(
            "INSERT INTO users (id, display_name, created_at) VALUES (@id, @name, @now)", new { id = Guid.NewGuid(), name, now = DateTimeOffset.UtcNow }, CancellationToken.None));

        ConstraintViolation.Of(refused).ShouldBe(ConstraintKind.Value);
    }
}

public sealed class DbSessionTestsOnSqlite(SqliteFixture fixture) : DbSessionTests<SqliteFixture>(fixture);
