using CleanLedger.Infrastructure.Jobs;
using CleanLedger.Testing;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CleanLedger.Infrastructure.Tests.Jobs;

/// <summary>
/// PostgreSQL: the job storage connects as the jobs role, which keeps Hangfire's tables and can
/// neither read nor change anything of the books (RLS and the immutability triggers are not its to lift).
/// </summary>
public sealed class JobsRoleTests(PostgresFixture fixture) : DatabaseTest<PostgresFixture>(fixture)
{
    private PostgresTestDatabase Database => (PostgresTestDatabase)Fixture.Database;

    [Fact]
    public async Task The_job_storage_keeps_its_tables_as_the_jobs_role()
    {
        var jobId = App.Services.GetRequiredService<IBackgroundJobClient>().Enqueue(() => Console.WriteLine("a job"));

        await using var jobs = await OpenAsync(Database.JobsConnectionString);
        (await ScalarAsync<long>(jobs, $"SELECT count(*) FROM {JobsSetup.PostgresSchema}.job WHERE id = {jobId}")).ShouldBe(1);
        (await ScalarAsync<string>(jobs, $"SELECT tableowner FROM pg_tables WHERE schemaname = '{JobsSetup.PostgresSchema}' AND tablename = 'job'"))
            .ShouldBe(PostgresTestDatabase.JobsRole);
    }

    [Theory]
    [InlineData("SELECT count(*) FROM verifications")]
    [InlineData("SELECT count(*) FROM memberships")]
    [InlineData("SELECT count(*) FROM documents")]
    [InlineData("INSERT INTO users (id, created_at) VALUES ('6f1c0000-0000-4000-8000-000000000001', now())")]
    [InlineData("UPDATE organizations SET name = 'x'")]
    [InlineData("DELETE FROM audit_events")]
    [InlineData("CREATE TABLE public.smuggled (id int)")]
    [InlineData("ALTER TABLE verifications DISABLE TRIGGER ALL")]
    public async Task The_jobs_role_cannot_touch_the_books(string statement)
    {
        await using var jobs = await OpenAsync(Database.JobsConnectionString);

        var refused = await Should.ThrowAsync<PostgresException>(() => ScalarAsync<object>(jobs, statement));

        refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
