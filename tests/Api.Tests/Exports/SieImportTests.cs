using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Infrastructure.Exports.Sie;
using CleanLedger.Testing;

namespace CleanLedger.Api.Tests.Exports;

/// <summary>SIE 4 import of the public sample files and the export → import → export round trip, on both engines.</summary>
public abstract class SieImportTests<TFactory>(TFactory factory) : ApiTest<TFactory>(factory)
    where TFactory : ApiFactory
{

    [Theory]
    [InlineData("Bokslut_Norstedts_SIE_4E.se", 174)] // 177 #VER, three of them (B 17, D 12, D 13) without rows: skipped with warnings
    [InlineData("SIE_exempelfil.se", 26)]
    [InlineData("transaktioner_ovnbolag.se", 163)]
    [InlineData("SIE4_Exempelfil_med_underdim.SE", 295)]
    [InlineData("Fortnox_Sie4.si", 165)]
    public async Task Sample_files_from_other_programs_import_with_every_verification(string file, int verifications)
    {
        var (client, orgId) = await NewOrganizationAsync();

        var response = await ImportAsync(client, orgId, await File.ReadAllBytesAsync(SharedData.SieFile(file)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verificationsImported").GetInt32().ShouldBe(verifications);
    }

    [Fact]
    public async Task Imported_books_export_with_the_balances_the_file_states()
    {
        var (client, orgId) = await NewOrganizationAsync();
        var original = await File.ReadAllBytesAsync(SharedData.SieFile("transaktioner_ovnbolag.se"));
        (await ImportAsync(client, orgId, original)).StatusCode.ShouldBe(HttpStatusCode.OK);
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

        var problem = await (await ImportAsync(client, orgId, bytes)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("code").GetString().ShouldBe("sie.invalid");
        problem.GetProperty("record").GetString().ShouldBe("#VER");
        problem.GetProperty("detail").GetString()!.ShouldContain("does not balance");
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

        var problem = await (await ImportAsync(client, orgId, await File.ReadAllBytesAsync(SharedData.SieFile(file)))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("code").GetString().ShouldBe(code);
    }

    [Fact]
    public async Task Importing_into_a_year_that_already_has_verifications_is_409()
    {
        var (client, orgId) = await NewOrganizationAsync();
        var bytes = await File.ReadAllBytesAsync(SharedData.SieFile("SIE_exempelfil.se"));
        (await ImportAsync(client, orgId, bytes)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var again = await ImportAsync(client, orgId, bytes);

        (await again.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("sie.year_has_verifications");
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
        (await ImportAsync(target, targetOrg, exported)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var reexported = await target.GetByteArrayAsync($"/api/v1/orgs/{targetOrg}/exports/sie?year=2026");

        Comparable(reexported).ShouldBe(Comparable(exported));
        Comparable(exported).Count(line => line.StartsWith("#VER", StringComparison.Ordinal)).ShouldBe(4);
        (await PostAsync(target, targetOrg, "2026-11-06", "Efter import", ("6110", "10.00", null), ("1930", null, "10.00"))).ShouldNotBe(Guid.Empty);
        var list = await target.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{targetOrg}/verifications?series=A");
        list.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("number").GetInt64()).Max().ShouldBe(4);
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

    private async Task<(HttpClient Client, Guid OrgId)> NewOrganizationAsync()
    {
        var client = Factory.ClientFor(TestUser.New("Importör"));
        return (client, await client.CreateOrganizationAsync("Import AB"));
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, Guid orgId, byte[] bytes) =>
        client.PostFileAsync($"/api/v1/orgs/{orgId}/imports/sie", bytes, "books.se");

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

public sealed class SieImportTestsOnPostgres(PostgresApiFactory factory) : SieImportTests<PostgresApiFactory>(factory);

public sealed class SieImportTestsOnSqlite(SqliteApiFactory factory) : SieImportTests<SqliteApiFactory>(factory);
