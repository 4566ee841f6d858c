using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Infrastructure.Exports.Sie;
using CleanLedger.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Api.Tests.Exports;

/// <summary>SIE 4 import of the public sample files and the export → import → export round trip, on both engines.</summary>
public abstract class SieImportTests<TFactory>(TFactory factory) : ApiTest<TFactory>(factory)
    where TFactory : ApiFactory
{
    /// <summary>An import's job goes on briefly after its final state (it deletes its staging rows): the next test's reset waits for it.</summary>
    public override async Task DisposeAsync()
    {
        var monitoring = Factory.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while ((monitoring.ProcessingCount() > 0 || monitoring.EnqueuedCount("default") > 0) && DateTime.UtcNow < deadline)
            await Task.Delay(50);
    }

    [Theory]
    [InlineData("Bokslut_Norstedts_SIE_4E.se", 174)] // 177 #VER, three of them (B 17, D 12, D 13) without rows: skipped with warnings
    [InlineData("SIE_exempelfil.se", 26)]
    [InlineData("transaktioner_ovnbolag.se", 163)]
    [InlineData("SIE4_Exempelfil_med_underdim.SE", 295)]
    [InlineData("Fortnox_Sie4.si", 165)]
    public async Task Sample_files_from_other_programs_import_with_every_verification(string file, int verifications)
    {
        var (client, orgId) = await NewOrganizationAsync();

        var job = await ImportAsync(client, orgId, await File.ReadAllBytesAsync(SharedData.SieFile(file)));

        job.GetProperty("state").GetString().ShouldBe("succeeded", job.ToString());
        job.GetProperty("verificationsImported").GetInt32().ShouldBe(verifications);
        job.GetProperty("percent").GetInt32().ShouldBe(100);
    }

    [Fact]
    public async Task Imported_books_export_with_the_balances_the_file_states()
    {
        var (client, orgId) = await NewOrganizationAsync();
        var original = await File.ReadAllBytesAsync(SharedData.SieFile("transaktioner_ovnbolag.se"));
        (await ImportAsync(client, orgId, original)).GetProperty("state").GetString().ShouldBe("succeeded");
        var year = Records(original).First(record => record.Label == "#RAR" && record.Fields[0].Text == "0").Fields[1].Text[..4];

        var exported = await client.GetByteArrayAsync($"/api/v1/orgs/{orgId}/exports/sie?year={year}");

        Balances(exported, "#UB").ShouldBe(Balances(original, "#UB"));
        Balances(exported, "#RES").ShouldBe(Balances(original, "#RES"));
        Balances(exported, "#IB").ShouldBe(Balances(original, "#IB"));
    }

    [Fact]
    public async Task An_unbalanced_verification_is_refused_naming_its_record_and_line_and_nothing_is_imported()
    {
        var (client, orgId) = await NewOrganizationAsync();
        var bytes = await File.ReadAllBytesAsync(SharedData.SieFile("transaktioner_ovnbolag-bad-balance.se"));
        var expectedLine = Array.FindIndex(SieEncoding.Pc8.GetString(bytes).Split('\n'), line => line.TrimStart().StartsWith("#VER B 1 ", StringComparison.Ordinal) || line.Contains("#VER\tB\t1\t", StringComparison.Ordinal) || line.Contains("\"B\" \"1\"", StringComparison.Ordinal)) + 1;

        var problem = Failure(await ImportAsync(client, orgId, bytes));

        problem.GetProperty("code").GetString().ShouldBe("sie.invalid");
        problem.GetProperty("record").GetString().ShouldBe("#VER");
        problem.GetProperty("message").GetString()!.ShouldContain("does not balance");
        if (expectedLine > 0)
            problem.GetProperty("line").GetInt32().ShouldBe(expectedLine);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/fiscal-years")).GetArrayLength().ShouldBe(1);
    }

    [Theory]
    [InlineData("BL0001_typ4.SE", "sie.series_invalid")] // series "#"; it also uses account 9999, outside BAS 1000–8999
    [InlineData("BL0001_typ4I.SI", "sie.outside_fiscal_years")]
    public async Task Files_the_books_cannot_take_are_refused_with_the_reason(string file, string code)
    {
        var (client, orgId) = await NewOrganizationAsync();

        var problem = Failure(await ImportAsync(client, orgId, await File.ReadAllBytesAsync(SharedData.SieFile(file))));

        problem.GetProperty("code").GetString().ShouldBe(code);
    }

    [Fact]
    public async Task Importing_into_a_year_that_already_has_verifications_fails_naming_the_year()
    {
        var (client, orgId) = await NewOrganizationAsync();
        var bytes = await File.ReadAllBytesAsync(SharedData.SieFile("SIE_exempelfil.se"));
        (await ImportAsync(client, orgId, bytes)).GetProperty("state").GetString().ShouldBe("succeeded");

        var again = Failure(await ImportAsync(client, orgId, bytes));

        again.GetProperty("code").GetString().ShouldBe("sie.year_has_verifications");
        again.GetProperty("message").GetString()!.ShouldContain("2011-01-01");
    }

    [Fact]
    public async Task Export_import_export_gives_the_same_balances_verifications_and_amounts()
    {
        var (source, sourceOrg) = await NewOrganizationAsync();
        var first = await PostAsync(source, sourceOrg, "2026-11-02", "Kontorsmaterial", ("6110", "200.00", null), ("2641", "50.00", null), ("1930", null, "250.00"));
        await PostAsync(source, sourceOrg, "2026-11-03", "Försäljning", ("1930", "1250.00", null), ("3001", null, "1000.00"), ("2611", null, "250.00"));
        await PostAsync(source, sourceOrg, "2026-11-04", "Hyra", ("5010", "8000.00", null), ("1930", null, "8000.00"), series: "B");
        (await source.PostAsync($"/api/v1/orgs/{sourceOrg}/verifications/{first}/reverse?date=2026-11-05", null)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var exported = await source.GetByteArrayAsync($"/api/v1/orgs/{sourceOrg}/exports/sie?year=2026");

        var (target, targetOrg) = await NewOrganizationAsync();
        (await ImportAsync(target, targetOrg, exported)).GetProperty("state").GetString().ShouldBe("succeeded");
        var reexported = await target.GetByteArrayAsync($"/api/v1/orgs/{targetOrg}/exports/sie?year=2026");

        Comparable(reexported).ShouldBe(Comparable(exported));
        Comparable(exported).Count(line => line.StartsWith("#VER", StringComparison.Ordinal)).ShouldBe(4);
        (await PostAsync(target, targetOrg, "2026-11-06", "Efter import", ("6110", "10.00", null), ("1930", null, "10.00"))).ShouldNotBe(Guid.Empty);
        var list = await target.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{targetOrg}/verifications?series=A");
        list.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("number").GetInt64()).Max().ShouldBe(4);
    }

    [Theory]
    [InlineData("#RAR 0 99990101 99991231", 3, "#RAR")] // a year past the calendar's safe end
    [InlineData("#RAR 0 18000101 18001231", 3, "#RAR")]
    [InlineData("#VER A 9223372036854775807 20260115 \"Max\"", 4, "#VER")] // would wrap the series counter
    [InlineData("#VER A 1000000000 20260115 \"Past the ceiling\"", 4, "#VER")]
    [InlineData("#VER A 1 99991231 \"Far date\"", 4, "#VER")]
    public async Task Edge_values_fail_the_import_naming_the_line_and_the_series_still_posts(string edge, int line, string record)
    {
        var (client, orgId) = await NewOrganizationAsync();
        var lines = new List<string> { "#FLAGGA 0", "#SIETYP 4", "#RAR 0 20260101 20261231", "#VER A 5 20260115 \"Normal\"", "{", "#TRANS 1930 {} 100.00", "#TRANS 3001 {} -100.00", "}" };
        lines[edge.StartsWith("#RAR", StringComparison.Ordinal) ? 2 : 3] = edge;

        var problem = Failure(await ImportAsync(client, orgId, SieImports.File([.. lines])));

        (problem.GetProperty("code").GetString(), problem.GetProperty("line").GetInt32(), problem.GetProperty("record").GetString()).ShouldBe(("sie.invalid", line, record));
        await PostAsync(client, orgId, "2026-11-02", "Efter import", ("6110", "10.00", null), ("1930", null, "10.00"));
        await ShouldHaveNumbersAsync(client, orgId, [1]);
    }

    [Theory]
    [InlineData("#TRANS 1930 {} 100000000000.01")] // one amount past a line's ceiling, 10^11 kr
    [InlineData("#TRANS 1930 {} 100000000000.00")] // every line at the ceiling, but the debits pass a verification's, 10^12 kr
    public async Task Amounts_past_the_ceilings_fail_naming_the_line(string row)
    {
        var (client, orgId) = await NewOrganizationAsync();
        var rows = Enumerable.Repeat(row, 1_000).Append("#TRANS 3001 {} -1.00");

        var problem = Failure(await ImportAsync(client, orgId, SieImports.File(["#FLAGGA 0", "#RAR 0 20260101 20261231", "#VER A 1 20260115 \"Stor\"", "{", .. rows, "}"])));

        problem.GetProperty("code").GetString().ShouldBe("sie.invalid");
        problem.GetProperty("line").GetInt32().ShouldBeOneOf(3, 5);
        await PostAsync(client, orgId, "2026-11-02", "Efter import", ("6110", "10.00", null), ("1930", null, "10.00"));
    }

    [Fact]
    public async Task The_highest_voucher_number_imports_and_the_series_continues_after_it()
    {
        var (client, orgId) = await NewOrganizationAsync();
        var file = SieImports.File("#FLAGGA 0", "#RAR 0 20260101 20261231", "#VER A 999999999 20260115 \"Sista\"", "{", "#TRANS 1930 {} 1.00", "#TRANS 3001 {} -1.00", "}");

        (await ImportAsync(client, orgId, file)).GetProperty("state").GetString().ShouldBe("succeeded");

        await PostAsync(client, orgId, "2026-11-02", "Efter import", ("6110", "10.00", null), ("1930", null, "10.00"));
        await ShouldHaveNumbersAsync(client, orgId, [999_999_999, 1_000_000_000]);
    }

    [Fact]
    public async Task A_file_refused_after_thousands_of_staged_rows_leaves_nothing_behind()
    {
        var (client, orgId) = await NewOrganizationAsync();
        var accountsBefore = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/accounts")).GetArrayLength();
        // Two new years with opening balances and a new account, 3,000 vouchers (12,000 rows, three staging batches), then one that does not balance.
        var good = Encoding.Latin1.GetString(SieImports.Generate(3_000, 4, year: "2024"));
        var file = SieEncoding.Pc8.GetBytes(good.Replace("#RAR 0 20240101 20241231\n", "#RAR 0 20240101 20241231\n#RAR -1 20230101 20231231\n#KONTO 8999 \"Årets resultat\"\n#IB 0 1930 500.00\n#IB 0 2081 -500.00\n", StringComparison.Ordinal)
            + "#VER A 3001 20240601 \"Fel\"\n{\n#TRANS 1930 {} 1.00\n}\n");

        var job = await ImportAsync(client, orgId, file);

        Failure(job).GetProperty("message").GetString()!.ShouldContain("does not balance");
        job.GetProperty("vouchersImported").GetInt32().ShouldBe(0);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/fiscal-years")).GetArrayLength().ShouldBe(1);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/accounts")).GetArrayLength().ShouldBe(accountsBefore);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/verifications")).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await Factory.Database.CountAsync("sie_import_vouchers")).ShouldBe(0);
        (await Factory.Database.CountAsync("opening_balances")).ShouldBe(0);
        (await Factory.Database.CountAsync("sie_import_rows")).ShouldBe(0);
    }

    /// <summary>Vouchers of five rows in the large imports: 20,000 rows where the engine takes far more.</summary>
    protected virtual int LargeImportVouchers => 4_000;

    [Fact]
    public async Task While_a_large_import_runs_another_organisation_posts_within_a_second()
    {
        var (importer, importOrg) = await NewOrganizationAsync();
        var (other, otherOrg) = await NewOrganizationAsync();
        // The same postings without an import first: the bound is on the delay the import adds, not on the machine's load.
        var alone = TimeSpan.Zero;
        for (var i = 0; i < 5; i++)
            alone = Max(alone, await TimedPostingAsync(other, otherOrg));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var location = await SieImports.StartAsync(importer, importOrg, SieImports.Generate(LargeImportVouchers, 5));

        var slowest = TimeSpan.Zero;
        var postings = 0;
        var seenRunning = false;
        JsonElement job;
        while ((job = await importer.GetFromJsonAsync<JsonElement>(location)).GetProperty("state").GetString() is "queued" or "running")
        {
            seenRunning |= job.GetProperty("state").GetString() == "running";
            slowest = Max(slowest, await TimedPostingAsync(other, otherOrg));
            postings++;
        }

        var importTook = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        job.GetProperty("state").GetString().ShouldBe("succeeded", job.ToString());
        job.GetProperty("verificationsImported").GetInt32().ShouldBe(LargeImportVouchers);
        // On a fast machine the whole import may finish between two polls; then it cannot have held anyone up for a second either.
        (seenRunning || importTook < TimeSpan.FromSeconds(1)).ShouldBeTrue($"the import took {importTook.TotalMilliseconds:0} ms and was never seen running");
        postings.ShouldBeGreaterThan(0);
        slowest.ShouldBeLessThan(alone + TimeSpan.FromSeconds(1), $"{postings} postings during the import; {alone.TotalMilliseconds:0} ms at most without it");
    }

    private static async Task<TimeSpan> TimedPostingAsync(HttpClient client, Guid orgId)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await PostAsync(client, orgId, "2026-11-03", "Under import", ("6110", "10.00", null), ("1930", null, "10.00"));
        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [Fact]
    public async Task Progress_shows_while_running_and_another_organisations_import_is_not_found()
    {
        var (client, orgId) = await NewOrganizationAsync();
        var (stranger, _) = await NewOrganizationAsync();
        var location = await SieImports.StartAsync(client, orgId, SieImports.Generate(LargeImportVouchers, 5));

        var percents = new List<int>();
        JsonElement job;
        while ((job = await client.GetFromJsonAsync<JsonElement>(location)).GetProperty("state").GetString() is "queued" or "running")
        {
            percents.Add(job.GetProperty("percent").GetInt32());
            await Task.Delay(SieImports.PollInterval);
        }

        job.GetProperty("state").GetString().ShouldBe("succeeded");
        (job.GetProperty("fiscalYearsCreated").GetInt32(), job.GetProperty("accountsAdded").GetInt32(), job.GetProperty("verificationsImported").GetInt32()).ShouldBe((0, 0, LargeImportVouchers));
        job.GetProperty("linesRead").GetInt64().ShouldBe(SieImports.LinesOf(LargeImportVouchers, 5));
        percents.ShouldBe(percents.Order().ToList());
        percents.ShouldAllBe(percent => percent < 100);
        (await stranger.GetAsync(location)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/api/v1/orgs/{orgId}/imports/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task ShouldHaveNumbersAsync(HttpClient client, Guid orgId, long[] numbers)
    {
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/verifications?series=A");
        list.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("number").GetInt64()).Order().ShouldBe(numbers);
    }

    // Everything but the generation date and the checksum that covers it.
    private static List<string> Comparable(byte[] sie) =>
        SieEncoding.Pc8.GetString(sie).Split('\n').Where(line => !line.StartsWith("#GEN", StringComparison.Ordinal) && !line.StartsWith("#KSUMMA", StringComparison.Ordinal)).ToList();

    private static List<SieRecord> Records(byte[] sie) =>
        SieEncoding.Pc8.GetString(sie).Split('\n').Select(SieRecord.Parse).OfType<SieRecord>().ToList();

    private static SortedDictionary<string, decimal> Balances(byte[] sie, string label) =>
        new(Records(sie).Where(record => record.Label == label && record.Fields[0].Text == "0")
            .Select(record => (Account: record.Fields[1].Text, Amount: decimal.Parse(record.Fields[2].Text, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(balance => balance.Amount != 0)
            .ToDictionary(balance => balance.Account, balance => balance.Amount), StringComparer.Ordinal);

    protected async Task<(HttpClient Client, Guid OrgId)> NewOrganizationAsync()
    {
        var client = Factory.ClientFor(TestUser.New("Importör"));
        return (client, await client.CreateOrganizationAsync("Import AB"));
    }

    protected static Task<JsonElement> ImportAsync(HttpClient client, Guid orgId, byte[] bytes) => SieImports.ImportAsync(client, orgId, bytes);

    protected static JsonElement Failure(JsonElement job)
    {
        job.GetProperty("state").GetString().ShouldBe("failed", job.ToString());
        var error = job.GetProperty("errors").EnumerateArray().ShouldHaveSingleItem();
        if (error.TryGetProperty("line", out var line) && line.ValueKind == JsonValueKind.Number)
            job.GetProperty("linesRead").GetInt32().ShouldBeGreaterThanOrEqualTo(line.GetInt32(), "the import read as far as the line it names");
        return error;
    }

    private static async Task<Guid> PostAsync(HttpClient client, Guid orgId, string date, string description, params (string Account, string? Debit, string? Credit)[] lines) =>
        await PostAsync(client, orgId, date, description, lines, series: null);

    private static async Task<Guid> PostAsync(HttpClient client, Guid orgId, string date, string description, (string Account, string? Debit, string? Credit) a, (string Account, string? Debit, string? Credit) b, string series) =>
        await PostAsync(client, orgId, date, description, [a, b], series);

    private static async Task<Guid> PostAsync(HttpClient client, Guid orgId, string date, string description, (string Account, string? Debit, string? Credit)[] lines, string? series)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/orgs/{orgId}/verifications", new
        {
            date,
            description,
            series,
            counterparty = "Motpart",
            lines = lines.Select(line => new { account = line.Account, debit = line.Debit, credit = line.Credit }).ToArray(),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}

/// <summary>
/// One of these tests bounds how long another organisation's posting may wait during an import; the
/// imports run alone, so what the bound measures is the import, not other test classes' CPU load.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SieImportsRunAlone
{
    public const string Name = "SIE imports, run alone";
}

[Collection(SieImportsRunAlone.Name)]
public sealed class SieImportTestsOnPostgres(PostgresJobsApiFactory factory) : SieImportTests<PostgresJobsApiFactory>(factory);

/// <summary>On SQLite the largest import the defaults allow is the large import, and one line more is refused.</summary>
[Collection(SieImportsRunAlone.Name)]
public sealed class SieImportTestsOnSqlite(SqliteJobsApiFactory factory) : SieImportTests<SqliteJobsApiFactory>(factory)
{
    private const int RowsPerVoucher = 5;

    protected override int LargeImportVouchers => (SieReaderOptions.SqliteDefaultMaxLines - SieImports.LinesOf(0, RowsPerVoucher)) / (RowsPerVoucher + 3);

    [Fact]
    public async Task A_file_past_the_embedded_engines_line_limit_is_refused_naming_the_line_and_the_setting()
    {
        var (client, orgId) = await NewOrganizationAsync();
        SieImports.LinesOf(LargeImportVouchers + 1, RowsPerVoucher).ShouldBeGreaterThan(SieReaderOptions.SqliteDefaultMaxLines);

        var problem = Failure(await ImportAsync(client, orgId, SieImports.Generate(LargeImportVouchers + 1, RowsPerVoucher)));

        problem.GetProperty("line").GetInt32().ShouldBe(SieReaderOptions.SqliteDefaultMaxLines + 1);
        problem.GetProperty("message").GetString()!.ShouldContain("Sie:Import:MaxLines");
    }
}
