using System.Data.Common;
using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Ledger.Verifications.PostVerification;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.CreateOrganization;
using CleanLedger.Domain.Organizations;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CleanLedger.Infrastructure.Tests.Persistence;

/// <summary>A posted verification and the audit trail cannot be changed or deleted, whoever tries.</summary>
public abstract class LedgerImmutabilityTests<TFixture>(TFixture fixture) : DatabaseTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    [Theory]
    [InlineData("UPDATE verifications SET description = 'ändrad' WHERE org_id = @orgId")]
    [InlineData("DELETE FROM verification_lines WHERE org_id = @orgId")]
    [InlineData("DELETE FROM verifications WHERE org_id = @orgId")]
    [InlineData("UPDATE audit_events SET action = 'nothing' WHERE org_id = @orgId")]
    [InlineData("DELETE FROM audit_events WHERE org_id = @orgId")]
    public async Task The_app_cannot_change_or_delete_posted_rows(string sql)
    {
        var orgId = await PostOneAsync();

        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Application.Common.Security.OrgContext>().Enter(orgId);
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await session.BeginAsync(CancellationToken.None);

        await Should.ThrowAsync<DbException>(() => session.ExecuteAsync(sql, new { orgId }, CancellationToken.None));
    }

    [Fact]
    public async Task A_line_that_is_neither_debit_nor_credit_is_refused_by_the_database_itself()
    {
        var orgId = await PostOneAsync();

        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Application.Common.Security.OrgContext>().Enter(orgId);
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await session.BeginAsync(CancellationToken.None);
        var verificationId = (await session.QueryAsync<Guid>("SELECT id FROM verifications WHERE org_id = @orgId", new { orgId }, CancellationToken.None)).Single();

        await Should.ThrowAsync<DbException>(() => session.ExecuteAsync(
            "INSERT INTO verification_lines (verification_id, line_no, org_id, account, debit_ore, credit_ore) VALUES (@verificationId, 9, @orgId, 1930, 100, 100)",
            new { verificationId, orgId },
            CancellationToken.None));
    }

    protected async Task<Guid> PostOneAsync()
    {
        var owner = TestUser.New("Owner");
        var org = await App.SendAsync<OrganizationDetails>(owner, new CreateOrganization("Oföränderlig AB", "556677-8899", VatPeriod.Monthly, "01-01"));
        await App.SendAsync<PostedVerification>(owner, new PostVerification(org.Id, new VerificationInput(
            new DateOnly(2026, 11, 2), "Bankavgift", "Banken", null, [],
            [new LineInput("6570", 50_00, 0, null), new LineInput("1930", 0, 50_00, null)])));
        return org.Id;
    }
}

public sealed class LedgerImmutabilityTestsOnSqlite(SqliteFixture fixture) : LedgerImmutabilityTests<SqliteFixture>(fixture);

public sealed class LedgerImmutabilityTestsOnPostgres(PostgresFixture fixture) : LedgerImmutabilityTests<PostgresFixture>(fixture)
{
    [Fact]
    public async Task Even_the_superuser_is_stopped_by_the_trigger()
    {
        var orgId = await PostOneAsync();
        await using var connection = new NpgsqlConnection(((PostgresTestDatabase)Fixture.Database).SuperuserConnectionString);
        await connection.OpenAsync();
        await using var update = new NpgsqlCommand("UPDATE verifications SET description = 'ändrad' WHERE org_id = @orgId", connection);
        update.Parameters.AddWithValue("orgId", orgId);

        var error = await Should.ThrowAsync<PostgresException>(() => update.ExecuteNonQueryAsync());

        error.MessageText.ShouldContain("never changed or deleted");
    }
}
