using CleanLedger.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;

namespace CleanLedger.Api.Tests.Exports;

/// <summary>The VAT report route computes its boxes from posted verifications, on both engines.</summary>
public abstract class VatReportApiTests<TFactory>(TFactory factory) : OwnerApiTest<TFactory>(factory)
    where TFactory : ApiFactory
{
    protected override string OrganizationName => "Moms AB";

    protected override string VatPeriod => "quarterly";

    [Fact]
    public async Task The_quarter_reports_sales_output_and_input_vat_and_what_to_pay()
    {
        await PostAsync("2026-10-05", new { account = "1930", debit = "1250.00" }, new { account = "3001", credit = "1000.00" }, new { account = "2611", credit = "250.00" });
        await PostAsync("2026-11-02", new { account = "6110", debit = "200.00" }, new { account = "2641", debit = "50.00" }, new { account = "1930", credit = "250.00" });
        await PostAsync("2026-09-30", new { account = "1930", debit = "125.00" }, new { account = "3001", credit = "100.00" }, new { account = "2611", credit = "25.00" });

        var report = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/vat-reports/2026-Q4");

        report.GetProperty("from").GetString().ShouldBe("2026-10-01");
        var boxes = report.GetProperty("boxes");
        (boxes.GetProperty("05").GetString(), boxes.GetProperty("10").GetString(), boxes.GetProperty("48").GetString(), boxes.GetProperty("49").GetString())
            .ShouldBe(("1000", "250", "50", "200"));
    }

    [Fact]
    public async Task The_eskd_file_is_iso_8859_1_and_valid_against_the_eskdupload_6_dtd()
    {
        await PostAsync("2026-10-05", new { account = "1930", debit = "1250.00" }, new { account = "3001", credit = "1000.00" }, new { account = "2611", credit = "250.00" });
        await PostAsync("2026-11-02", new { account = "6110", debit = "200.00" }, new { account = "2641", debit = "50.00" }, new { account = "1930", credit = "250.00" });

        var response = await Client.GetAsync($"/api/v1/orgs/{OrgId}/vat-reports/2026-Q4?format=eskd");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var xml = System.Text.Encoding.Latin1.GetString(bytes);
        xml.ShouldStartWith("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>");
        xml.ShouldContain("<!DOCTYPE eSKDUpload PUBLIC \"-//Skatteverket, Sweden//DTD Skatteverket eSKDUpload-DTD Version 6.0//SV\"");
        var document = System.Xml.Linq.XDocument.Parse(xml);
        var moms = document.Root!.Element("Moms")!;
        (document.Root.Element("OrgNr")!.Value, moms.Element("Period")!.Value).ShouldBe(("556677-8899", "202612"));
        (moms.Element("ForsMomsEjAnnan")!.Value, moms.Element("MomsUtgHog")!.Value, moms.Element("MomsIngAvdr")!.Value, moms.Element("MomsBetala")!.Value)
            .ShouldBe(("1000", "250", "50", "200"));
        (await XmllintAsync(bytes)).ShouldBe(0);

        var outOfOrder = xml.Replace("<MomsBetala>200</MomsBetala>", "", StringComparison.Ordinal)
            .Replace("<Period>202612</Period>", "<Period>202612</Period><MomsBetala>200</MomsBetala>", StringComparison.Ordinal);
        (await XmllintAsync(System.Text.Encoding.Latin1.GetBytes(outOfOrder))).ShouldNotBe(0);
    }

    [Fact]
    public async Task Once_the_return_is_filed_nothing_more_is_posted_into_its_months()
    {
        await PostAsync("2026-10-05", new { account = "1930", debit = "1250.00" }, new { account = "3001", credit = "1000.00" }, new { account = "2611", credit = "250.00" });

        var filed = await Client.PostAsync($"/api/v1/orgs/{OrgId}/vat-reports/2026-Q4/file", null);

        filed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("boxes").GetProperty("49").GetString().ShouldBe("250");
        var refused = await (await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/verifications", new
        {
            date = "2026-11-20",
            description = "Sent",
            counterparty = "Kund",
            lines = new object[] { new { account = "6570", debit = "10.00" }, new { account = "1930", credit = "10.00" } },
        })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        refused.GetProperty("complianceResults").EnumerateArray()
            .Single(result => result.GetProperty("code").GetString() == "PERIOD").GetProperty("passed").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task An_unknown_format_is_400() =>
        await (await Client.GetAsync($"/api/v1/orgs/{OrgId}/vat-reports/2026-Q4?format=docx")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

    private static async Task<int> XmllintAsync(byte[] xml)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cleanledger-eskd-{Guid.NewGuid():N}.xml");
        await File.WriteAllBytesAsync(file, xml);
        var start = new System.Diagnostics.ProcessStartInfo("xmllint") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "--noout", "--nonet", "--dtdvalid", Path.Combine(RepositoryPaths.Root, "infra", "skatteverket", "eSKDUpload_6p0.dtd"), file })
            start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        await process.WaitForExitAsync();
        File.Delete(file);
        return process.ExitCode;
    }

    [Fact]
    public async Task A_month_for_a_quarterly_filer_is_refused()
    {
        var problem = await (await Client.GetAsync($"/api/v1/orgs/{OrgId}/vat-reports/2026-11")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("code").GetString().ShouldBe("vat_period.invalid");
    }

    private async Task PostAsync(string date, params object[] lines)
    {
        var response = await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/verifications", new { date, description = "Moms", counterparty = $"Kund {date}", lines });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}

public sealed class VatReportApiTestsOnPostgres(PostgresApiFactory factory) : VatReportApiTests<PostgresApiFactory>(factory);

public sealed class VatReportApiTestsOnSqlite(SqliteApiFactory factory) : VatReportApiTests<SqliteApiFactory>(factory);
