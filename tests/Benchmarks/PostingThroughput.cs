using System.Diagnostics;
using System.Globalization;
using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Ledger.Verifications.PostVerification;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.CreateOrganization;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Organizations;
using CleanLedger.Testing;
using Dapper;
using Npgsql;

namespace CleanLedger.Benchmarks;

/// <summary>
/// Postings per second on PostgreSQL with concurrent posters: through the Application (validation,
/// membership check, compliance rules, gapless number, audit) against a raw-SQL baseline that
/// writes the same verification rows under the same counter lock, both in this run.
/// </summary>
public static class PostingThroughput
{
    private static readonly DateOnly Date = new(2026, 11, 2);

    public static async Task<int> RunAsync(string[] args)
    {
        var posters = Option(args, "--posters", 16);
        var postings = Option(args, "--postings", 800);
        var rounds = Option(args, "--rounds", 5);
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var app = new ApplicationHarness(database, validateScopes: false);

        // Warm both paths before measuring: tiered JIT needs thousands of calls to reach its final
        // code, and the Application has far more code on the path than the baseline.
        for (var warmUp = 0; warmUp < 3; warmUp++)
        {
            await MeasureApplicationAsync(app, posters, postings);
            await MeasureBaselineAsync(database, app, posters, postings);
        }

        // Alternate the two sides so drift (table growth, autovacuum, the other core's load)
        // falls on both; report every round and the median ratio.
        var ratios = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var application = await MeasureApplicationAsync(app, posters, postings);
            var baseline = await MeasureBaselineAsync(database, app, posters, postings);
            ratios.Add(application / baseline);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: application={application:0} /s baseline={baseline:0} /s ratio={application / baseline:0.00}"));
        }

        ratios.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"posters={posters} postings={postings} rounds={rounds} median ratio={ratios[ratios.Count / 2]:0.00} gaps=none"));
        return 0;
    }

    private static async Task<double> MeasureApplicationAsync(ApplicationHarness app, int posters, int postings)
    {
        var owner = TestUser.New("Bench Owner");
        var org = await app.SendAsync<OrganizationDetails>(owner, new CreateOrganization("Bench AB", "556677-8899", VatPeriod.Monthly, "01-01"));
        var elapsed = await RunConcurrentlyAsync(posters, postings, index =>
            app.SendAsync<PostedVerification>(owner, new PostVerification(org.Id, Input(index))));
        await AssertGaplessAsync(app.Database, org.Id, postings);
        return postings / elapsed.TotalSeconds;
    }

    private static async Task<double> MeasureBaselineAsync(TestDatabase database, ApplicationHarness app, int posters, int postings)
    {
        var owner = TestUser.New("Baseline Owner");
        var org = await app.SendAsync<OrganizationDetails>(owner, new CreateOrganization("Baseline AB", "556677-8899", VatPeriod.Monthly, "01-01"));
        // The same prepared-statement cache as the Application's data source.
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.Options.ConnectionString) { MaxAutoPrepare = 64 });
        var elapsed = await RunConcurrentlyAsync(posters, postings, index => InsertRawAsync(dataSource, org.Id, owner.Id, index));
        await AssertGaplessAsync(database, org.Id, postings);
        return postings / elapsed.TotalSeconds;
    }

    private static async Task InsertRawAsync(NpgsqlDataSource dataSource, Guid orgId, Guid userId, int index)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT set_config('app.org_id', @org, true)", new { org = orgId.ToString() }, transaction);
        var fiscalYearId = await connection.QuerySingleAsync<Guid>("SELECT id FROM fiscal_years WHERE org_id = @orgId", new { orgId }, transaction);
        var number = await connection.QuerySingleAsync<long>(
            """
            INSERT INTO verification_series (org_id, fiscal_year_id, series, next_number) VALUES (@orgId, @fiscalYearId, 'A', 2)
            ON CONFLICT (org_id, fiscal_year_id, series) DO UPDATE SET next_number = verification_series.next_number + 1
            RETURNING next_number - 1
            """,
            new { orgId, fiscalYearId }, transaction);
        var id = Guid.CreateVersion7();
        await connection.ExecuteAsync(
            """
            INSERT INTO verifications (id, org_id, fiscal_year_id, series, number, date, registered_at, description, counterparty, currency, gross_ore, posted_by, compliance_results)
            VALUES (@id, @orgId, @fiscalYearId, 'A', @number, @date, now(), 'Kontorsmaterial', @counterparty, 'SEK', 25000, @userId, '[]')
            """,
            new { id, orgId, fiscalYearId, number, date = Date, counterparty = $"Butik {index}", userId }, transaction);
        await connection.ExecuteAsync(
            """
            INSERT INTO verification_lines (verification_id, line_no, org_id, account, debit_ore, credit_ore, vat_code)
            VALUES (@id, 1, @orgId, 6110, 20000, 0, 'Vat25'), (@id, 2, @orgId, 2641, 5000, 0, 'Vat25'), (@id, 3, @orgId, 1930, 0, 25000, NULL)
            """,
            new { id, orgId },
            transaction);
        await transaction.CommitAsync();
    }

    private static VerificationInput Input(int index) =>
        new(Date, "Kontorsmaterial", $"Butik {index}", null, [],
        [
            new LineInput("6110", 200_00, 0, VatCode.Vat25),
            new LineInput("2641", 50_00, 0, VatCode.Vat25),
            new LineInput("1930", 0, 250_00, null),
        ]);

    private static async Task<TimeSpan> RunConcurrentlyAsync(int posters, int postings, Func<int, Task> post)
    {
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, posters).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < postings)
                await post(index);
        })));
        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task AssertGaplessAsync(TestDatabase database, Guid orgId, int postings)
    {
        await using var connection = new NpgsqlConnection(((PostgresTestDatabase)database).SuperuserConnectionString);
        var numbers = (await connection.QueryAsync<long>("SELECT number FROM verifications WHERE org_id = @orgId ORDER BY number", new { orgId })).ToList();
        if (!numbers.SequenceEqual(Enumerable.Range(1, postings).Select(n => (long)n)))
            throw new InvalidOperationException($"Numbers are not exactly 1..{postings}: {numbers.Count} rows.");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
