using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;

namespace CleanLedger.Api.Tests.Hardening;

/// <summary>
/// Verifications at the money ceilings post, and every report over them still answers; one öre
/// past a ceiling is refused naming the field, and nothing is stored (ADR 0016).
/// </summary>
public abstract class MoneyCeilingTests<TFactory>(TFactory factory) : OwnerApiTest<TFactory>(factory)
    where TFactory : ApiFactory
{
    private const string LineCeiling = "100000000000.00";
    private const string JustPastLineCeiling = "100000000000.01";
    private const int VerificationsAtTheCeiling = 3;

    protected override string VatPeriod => "quarterly";

    [Fact]
    public async Task Verifications_at_the_ceilings_post_and_every_report_over_them_answers()
    {
        for (var i = 0; i < VerificationsAtTheCeiling; i++)
            (await PostAsync(SaleAtTheCeiling())).StatusCode.ShouldBe(HttpStatusCode.Created);

        var report = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/vat-reports/2026-Q4");
        var boxes = report.GetProperty("boxes");
        // Three sales of 800 000 000 000 kr with 25 % VAT.
        (boxes.GetProperty("05").GetString(), boxes.GetProperty("10").GetString(), boxes.GetProperty("49").GetString())
            .ShouldBe(("2400000000000", "600000000000", "600000000000"));
        foreach (var format in new[] { "pdf", "eskd" })
            (await Client.GetAsync($"/api/v1/orgs/{OrgId}/vat-reports/2026-Q4?format={format}")).StatusCode.ShouldBe(HttpStatusCode.OK, format);
        var sie = await Client.GetAsync($"/api/v1/orgs/{OrgId}/exports/sie?year=2026");
        sie.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await sie.Content.ReadAsStringAsync()).ShouldContain("#UB 0 1930 3000000000000.00");
    }

    [Fact]
    public async Task A_line_one_ore_past_its_ceiling_is_refused_naming_the_line()
    {
        var lines = new object[] { new { account = "1930", debit = JustPastLineCeiling }, new { account = "3001", credit = JustPastLineCeiling } };

        var problem = await (await PostAsync(lines)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).ShouldBe(["verification.lines[0].debitOre", "verification.lines[1].creditOre"]);
        await ShouldHaveNoVerificationsAsync();
    }

    [Fact]
    public async Task Debits_one_ore_past_the_verification_ceiling_are_refused_naming_the_lines()
    {
        var lines = SaleAtTheCeiling().Append(new { account = "1930", debit = "0.01" }).Append(new { account = "2611", credit = "0.01" }).ToArray();

        var problem = await (await PostAsync(lines)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).ShouldBe(["verification.lines"]);
        await ShouldHaveNoVerificationsAsync();
    }

    [Theory]
    [InlineData("\"1000000000000.01\"")]
    [InlineData("1e308")]
    [InlineData("9223372036854775807")]
    [InlineData("-1000000000000.01")]
    public async Task An_amount_past_any_ceiling_is_unreadable_and_the_answer_names_its_field(string amount)
    {
        var body = $$"""{"date":"2026-11-02","description":"Stort","lines":[{"account":"1930","debit":{{amount}}},{"account":"3001","credit":"1.00"}]}""";

        var response = await Client.PostAsync($"/api/v1/orgs/{OrgId}/verifications", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("field").GetString().ShouldBe("$.lines[0].debit");
        problem.GetProperty("detail").GetString()!.ShouldContain("1000000000000.00 kr");
        await ShouldHaveNoVerificationsAsync();
    }

    // Ten debits at the line ceiling make the verification ceiling exactly: 8 × 10^11 kr of sales and 25 % VAT.
    private static object[] SaleAtTheCeiling() =>
    [
        .. Enumerable.Range(0, 10).Select(_ => (object)new { account = "1930", debit = LineCeiling }),
        .. Enumerable.Range(0, 8).Select(_ => (object)new { account = "3001", credit = LineCeiling }),
        .. Enumerable.Range(0, 2).Select(_ => (object)new { account = "2611", credit = LineCeiling }),
    ];

    private Task<HttpResponseMessage> PostAsync(object[] lines) =>
        Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/verifications", new { date = "2026-11-02", description = "Försäljning", counterparty = $"Kund {Guid.NewGuid()}", lines });

    private async Task ShouldHaveNoVerificationsAsync() =>
        (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/verifications")).GetProperty("total").GetInt64().ShouldBe(0);
}

public sealed class MoneyCeilingTestsOnPostgres(PostgresApiFactory factory) : MoneyCeilingTests<PostgresApiFactory>(factory);

public sealed class MoneyCeilingTestsOnSqlite(SqliteApiFactory factory) : MoneyCeilingTests<SqliteApiFactory>(factory);
