using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Infrastructure.Exports.Sie;

namespace CleanLedger.Api.Tests.Exports;

/// <summary>The SIE 4E export over HTTP, read back with the SIE line parser, on both engines.</summary>
public abstract class SieExportTests<TFactory>(TFactory factory) : OwnerApiTest<TFactory>(factory)
    where TFactory : ApiFactory
{
    protected override string OrganizationName => "Fjällstugor i Åre AB";

    [Fact]
    public async Task The_fiscal_year_exports_as_sie_4e_in_codepage_437_with_balances_verifications_and_a_valid_ksumma()
    {
        await PostAsync("2026-11-02", "Kontorsmaterial Åhléns", ("6110", 200_00), ("2641", 50_00), ("1930", -250_00));
        await PostAsync("2026-11-03", "Försäljning", ("1930", 1250_00), ("3001", -1000_00), ("2611", -250_00));

        var response = await Client.GetAsync($"/api/v1/orgs/{OrgId}/exports/sie?year=2026");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("5566778899_2026.se");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.ShouldContain((byte)0x8F); // Å in codepage 437: the file is not UTF-8
        var lines = SieEncoding.Pc8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var records = lines.Select(SieRecord.Parse).OfType<SieRecord>().ToList();

        records.Select(record => record.Label).Take(11).ShouldBe(
            ["#FLAGGA", "#KSUMMA", "#PROGRAM", "#FORMAT", "#GEN", "#SIETYP", "#ORGNR", "#FNAMN", "#RAR", "#KPTYP", "#KONTO"]);
        Field(records, "#FNAMN").ShouldBe("Fjällstugor i Åre AB");
        records.Single(record => record.Label == "#RAR").Fields.Select(field => field.Text).ShouldBe(["0", "20260101", "20261231"]);
        records.Where(record => record.Label == "#KONTO").Select(record => record.Fields[0].Text).ShouldContain("1930");
        records.Single(record => record is { Label: "#KTYP" } && record.Fields[0].Text == "1930").Fields[1].Text.ShouldBe("T");
        Balance(records, "#UB", "1930").ShouldBe("1000.00");
        Balance(records, "#RES", "3001").ShouldBe("-1000.00");
        Balance(records, "#RES", "6110").ShouldBe("200.00");

        var vouchers = records.Where(record => record.Label == "#VER").ToList();
        vouchers.Select(record => (record.Fields[0].Text, record.Fields[1].Text, record.Fields[3].Text))
            .ShouldBe([("A", "1", "Kontorsmaterial Åhléns"), ("A", "2", "Försäljning")]);
        Transactions(lines).ShouldAllBe(rows => rows.Sum() == 0m);
        lines.Count(line => line == "{").ShouldBe(2);

        var checksum = new SieChecksum();
        foreach (var record in records.Skip(2).Where(record => record.Label != "#KSUMMA"))
            checksum.Add(record);
        records[^1].Label.ShouldBe("#KSUMMA");
        records[^1].Fields[0].Text.ShouldBe(checksum.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_year_without_a_fiscal_year_is_not_found()
    {
        var response = await Client.GetAsync($"/api/v1/orgs/{OrgId}/exports/sie?year=2019");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    private static string Field(List<SieRecord> records, string label) => records.Single(record => record.Label == label).Fields[0].Text;

    private static string Balance(List<SieRecord> records, string label, string account) =>
        records.Single(record => record.Label == label && record.Fields[0].Text == "0" && record.Fields[1].Text == account).Fields[2].Text;

    private static IEnumerable<List<decimal>> Transactions(string[] lines)
    {
        List<decimal>? rows = null;
        foreach (var line in lines)
        {
            if (line == "{")
                rows = [];
            else if (line == "}" && rows is not null)
                yield return rows;
            else if (rows is not null && SieRecord.Parse(line) is { Label: "#TRANS" } trans)
                rows.Add(decimal.Parse(trans.Fields[2].Text, CultureInfo.InvariantCulture));
        }
    }

    private async Task PostAsync(string date, string description, params (string Account, long Ore)[] lines)
    {
        var response = await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/verifications", new
        {
            date,
            description,
            counterparty = "Motpart",
            lines = lines.Select(line => line.Ore > 0
                ? (object)new { account = line.Account, debit = line.Ore / 100m }
                : new { account = line.Account, credit = -line.Ore / 100m }).ToArray(),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}

public sealed class SieExportTestsOnPostgres(PostgresApiFactory factory) : SieExportTests<PostgresApiFactory>(factory);

public sealed class SieExportTestsOnSqlite(SqliteApiFactory factory) : SieExportTests<SqliteApiFactory>(factory);
