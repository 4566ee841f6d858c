using System.Diagnostics;
using System.Globalization;
using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Documents;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.CreateOrganization;
using CleanLedger.Application.Sie.ExportSie;
using CleanLedger.Application.Sie.ImportSie;
using CleanLedger.Domain.Organizations;
using CleanLedger.Infrastructure.Exports.Sie;
using CleanLedger.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CleanLedger.Benchmarks;

/// <summary>
/// SIE 4E export of a fiscal year with 1,000,000 transaction lines (200,000 verifications of five
/// lines) on PostgreSQL, against a baseline that reads the same rows and writes the same lines with a
/// plain buffered writer, in the same run; then the import of the exported file (lines per second).
/// </summary>
public static class SieExportThroughput
{
    private const int Verifications = 200_000;

    public static async Task<int> RunAsync(string[] args)
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var app = new ApplicationHarness(database, validateScopes: false);
        var owner = TestUser.New("Bench");
        var org = await app.SendAsync<OrganizationDetails>(owner, new CreateOrganization("Bench AB", "556677-8899", VatPeriod.Monthly, "01-01"));
        await SeedAsync((PostgresTestDatabase)database, org.Id, owner.Id);
        var file = Path.Combine(Path.GetTempPath(), $"cleanledger-bench-{Guid.NewGuid():N}.se");

        var startMemory = Process.GetCurrentProcess().WorkingSet64;
        var export = await MeasureAsync(() => app.InScopeAsync(owner, async sender =>
        {
            var sie = await sender.Send(new ExportSie(org.Id, 2026));
            await using var output = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 65536, useAsync: true);
            await sie.WriteAsync(output, CancellationToken.None);
            return output.Length;
        }));
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var baseline = await MeasureAsync(() => BaselineAsync((PostgresTestDatabase)database, org.Id, file + ".baseline"));
        var lines = File.ReadLines(file, SieEncoding.Pc8).LongCount();
        var read = await MeasureAsync(async () =>
        {
            await using var content = File.OpenRead(file);
            await new SieReader(Microsoft.Extensions.Options.Options.Create(new SieReaderOptions { MaxLines = int.MaxValue, MaxVouchers = int.MaxValue }))
                .ReadAsync(content, CancellationToken.None).CountAsync();
        });
        var importer = TestUser.New("Importer");
        var target = await app.SendAsync<OrganizationDetails>(importer, new CreateOrganization("Import AB", "556677-8899", VatPeriod.Monthly, "01-01"));
        var incoming = new IncomingFile(file, "bench.se", null, new FileInfo(file).Length, await HashAsync(file));
        var import = await MeasureAsync(async () =>
        {
            var job = await app.SendAsync<SieImportJob>(importer, new ImportSie(target.Id, incoming));
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SignInAutomation();
            await scope.ServiceProvider.GetRequiredService<SieImportRunner>().RunAsync(target.Id, job.Id, CancellationToken.None);
        });

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"export: {lines:N0} lines, {new FileInfo(file).Length / 1_048_576.0:0.0} MB in {export.TotalSeconds:0.00} s; baseline {baseline.TotalSeconds:0.00} s; ratio {baseline.TotalSeconds / export.TotalSeconds:0.00}; process working set {startMemory / 1_048_576.0:0} MB before, peak {peak / 1_048_576.0:0} MB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"read and check: {lines / read.TotalSeconds:N0} lines/s ({read.TotalSeconds:0.00} s); full import into PostgreSQL: {lines / import.TotalSeconds:N0} lines/s ({import.TotalSeconds:0.00} s)"));
        File.Delete(file);
        File.Delete(file + ".baseline");
        return 0;
    }

    private static async Task SeedAsync(PostgresTestDatabase database, Guid orgId, Guid userId)
    {
        await using var connection = new NpgsqlConnection(database.SuperuserConnectionString);
        await connection.OpenAsync();
        var year = await connection.QuerySingleAsync<Guid>("SELECT id FROM fiscal_years WHERE org_id = @orgId", new { orgId });
        await connection.ExecuteAsync(
            """
            INSERT INTO verifications (id, org_id, fiscal_year_id, series, number, date, registered_at, description, counterparty, currency, gross_ore, posted_by, compliance_results)
            SELECT gen_random_uuid(), @orgId, @year, 'A', n, DATE '2026-01-01' + (n % 300), now(), 'Försäljning ' || n, 'Kund ' || (n % 500), 'SEK', 125000, @userId, '[]'
            FROM generate_series(1, @count) AS n
            """,
            new { orgId, year, userId, count = Verifications }, commandTimeout: 600);
        await connection.ExecuteAsync(
            """
            INSERT INTO verification_lines (verification_id, line_no, org_id, account, debit_ore, credit_ore, vat_code)
            SELECT v.id, l.line_no, v.org_id, l.account, l.debit, l.credit, NULL
            FROM verifications v CROSS JOIN (VALUES (1, 1930, 125000, 0), (2, 3001, 0, 80000), (3, 3002, 0, 20000), (4, 2611, 0, 20000), (5, 2621, 0, 5000))
                 AS l(line_no, account, debit, credit)
            WHERE v.org_id = @orgId
            """,
            new { orgId }, commandTimeout: 600);
        // As autovacuum would after such a load: the planner needs the new row counts.
        await connection.ExecuteAsync("ANALYZE verifications; ANALYZE verification_lines;", commandTimeout: 600);
    }

    // The same rows as the same role (under the same row-level security), the same lines, written
    // with a StreamWriter and no SIE machinery.
    private static async Task BaselineAsync(PostgresTestDatabase database, Guid orgId, string path)
    {
        await using var connection = new NpgsqlConnection(database.Options.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT set_config('app.org_id', @org, true)", new { org = orgId.ToString() }, transaction);
        await using var writer = new StreamWriter(path, false, SieEncoding.Pc8, 65536) { NewLine = "\n" };
        Guid? current = null;
        await foreach (var row in connection.QueryUnbufferedAsync<(Guid Id, string Series, long Number, DateTime Date, string Description, long Account, long Amount)>(
            """
            SELECT v.id, v.series, v.number, v.date, v.description, l.account, l.debit_ore - l.credit_ore
            FROM verifications v JOIN verification_lines l ON l.verification_id = v.id
            WHERE v.org_id = @orgId ORDER BY v.series, v.number, l.line_no
            """,
            new { orgId }, transaction))
        {
            if (row.Id != current)
            {
                if (current is not null)
                    await writer.WriteLineAsync("}");
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"#VER {row.Series} {row.Number} {row.Date:yyyyMMdd} \"{row.Description}\""));
                await writer.WriteLineAsync("{");
                current = row.Id;
            }

            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"#TRANS {row.Account} {{}} {row.Amount / 100m:0.00}"));
        }

        await writer.WriteLineAsync("}");
    }

    private static async Task<string> HashAsync(string file)
    {
        await using var content = File.OpenRead(file);
        return Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(content));
    }

    private static async Task<TimeSpan> MeasureAsync(Func<Task> work)
    {
        var started = Stopwatch.GetTimestamp();
        await work();
        return Stopwatch.GetElapsedTime(started);
    }
}
