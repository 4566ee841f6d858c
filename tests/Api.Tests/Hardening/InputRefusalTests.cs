using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Testing;

namespace CleanLedger.Api.Tests.Hardening;

/// <summary>
/// What the edge refuses, naming the field, before anything is stored (ADR 0016): control
/// characters in every free text and file name, dates and periods outside the books' window, and
/// enum values outside the contract, answered with the values allowed. Both engines.
/// </summary>
public abstract class InputRefusalTests<TFactory>(TFactory factory) : OwnerApiTest<TFactory>(factory)
    where TFactory : ApiFactory
{
    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("\u0007")]
    [InlineData("rad ett\nrad två")]
    [InlineData("\ttab")]
    [InlineData("\u001b[31m")]
    [InlineData("\u0085")]
    [InlineData("\u007f")]
    public async Task A_control_character_in_any_free_text_is_refused_naming_the_field(string text)
    {
        var posting = await PostVerificationAsync(description: text, counterparty: text);
        var account = await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/accounts", new { number = "6999", name = text, type = "expense", defaultVatCode = (string?)null, sruCode = (string?)null });
        var organization = await Client.PostAsJsonAsync("/api/v1/orgs", new { name = text, orgNumber = "556677-8899", vatPeriod = "monthly", fiscalYearStart = "01-01" });

        (await ErrorFieldsAsync(posting)).ShouldBe(["verification.counterparty", "verification.description"], ignoreOrder: true);
        (await ErrorFieldsAsync(account)).ShouldBe(["name"]);
        (await ErrorFieldsAsync(organization)).ShouldBe(["name"]);
        await ShouldHaveStoredNothingAsync();
    }

    [Fact]
    public async Task A_control_character_in_an_uploaded_file_name_is_refused_and_nothing_is_recorded()
    {
        var bytes = ReceiptPdf.Render("Clas Ohlson", "Totalt 250,00");

        var response = await UploadNamedAsync(bytes, "kvitto\u0000.pdf");

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString()!.ShouldContain("file name");
        (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/documents")).GetProperty("total").GetInt64().ShouldBe(0);
        (await Client.UploadAsync(OrgId, bytes, "kvitto.pdf")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Theory]
    [InlineData("1899-12-31")]
    [InlineData("2200-01-01")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task Dates_outside_the_books_window_are_refused_naming_the_field(string date)
    {
        var posting = await PostVerificationAsync(date: date);
        var year = await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/fiscal-years", new { start = date[..4] + "-01-01", end = date[..4] + "-12-31" });
        var listing = await Client.GetAsync($"/api/v1/orgs/{OrgId}/verifications?from={date}");
        var export = await Client.GetAsync($"/api/v1/orgs/{OrgId}/exports/sie?year={date[..4]}");

        (await ErrorFieldsAsync(posting)).ShouldBe(["verification.date"]);
        (await ErrorFieldsAsync(year)).ShouldBe(["end", "start"], ignoreOrder: true);
        (await ErrorFieldsAsync(listing)).ShouldBe(["from"]);
        (await ErrorFieldsAsync(export)).ShouldBe(["year"]);
        await ShouldHaveStoredNothingAsync();
    }

    [Theory]
    [InlineData("0000-01")]
    [InlineData("9999-12")]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("1899-12")]
    public async Task Vat_periods_outside_the_calendar_or_the_window_are_refused_naming_the_period(string period)
    {
        foreach (var format in new[] { "", "?format=pdf", "?format=eskd" })
            (await ErrorFieldsAsync(await Client.GetAsync($"/api/v1/orgs/{OrgId}/vat-reports/{period}{format}"))).ShouldBe(["period"], format);

        (await ErrorFieldsAsync(await Client.PostAsync($"/api/v1/orgs/{OrgId}/vat-reports/{period}/file", null))).ShouldBe(["period"]);
        (await ErrorFieldsAsync(await Client.PostAsync($"/api/v1/orgs/{OrgId}/periods/{period}/lock", null))).ShouldBe(["period"]);
    }

    [Fact]
    public async Task A_quarter_outside_one_to_four_is_refused_and_a_well_formed_period_of_another_frequency_breaks_the_filing_rule()
    {
        var quarterly = await Client.CreateOrganizationAsync("Kvartal AB", "quarterly");

        foreach (var period in new[] { "2026-Q5", "2026-Q0", "0000-Q1", "9999-Q4" })
            (await ErrorFieldsAsync(await Client.GetAsync($"/api/v1/orgs/{quarterly}/vat-reports/{period}"))).ShouldBe(["period"], period);
        (await (await Client.GetAsync($"/api/v1/orgs/{quarterly}/vat-reports/2026-11")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity))
            .GetProperty("code").GetString().ShouldBe("vat_period.invalid");
    }

    [Fact]
    public async Task An_unknown_enum_value_is_refused_with_the_values_allowed()
    {
        var vatCode = await PostVerificationAsync(vatCode: "Vat30");
        var role = await Client.PutAsJsonAsync($"/api/v1/orgs/{OrgId}/members/{Guid.NewGuid()}", new { role = "superuser" });
        var vatPeriod = await Client.PostAsJsonAsync("/api/v1/orgs", new { name = "Moms AB", orgNumber = "556677-8899", vatPeriod = "weekly", fiscalYearStart = "01-01" });
        var accountType = await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/accounts", new { number = "6999", name = "Övrigt", type = 3, defaultVatCode = (string?)null, sruCode = (string?)null });

        await ShouldListAsync(vatCode, "$.lines[0].vatCode", "none, vat25, vat12, vat6, zeroRated, exempt");
        await ShouldListAsync(role, "$.role", "viewer, bookkeeper, accountant, owner");
        await ShouldListAsync(vatPeriod, "$.vatPeriod", "monthly, quarterly, yearly");
        await ShouldListAsync(accountType, "$.type", "asset, liability, revenue, expense");
        (await (await Client.GetAsync($"/api/v1/orgs/{OrgId}/documents?status=done")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("detail").GetString()!.ShouldContain("received, processing, posted, needs_review, rejected, failed");
        (await (await Client.GetAsync($"/api/v1/orgs/{OrgId}/vat-reports/2026-11?format=xml")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("detail").GetString()!.ShouldContain("eskd or pdf");
        await ShouldHaveStoredNothingAsync();
    }

    private Task<HttpResponseMessage> PostVerificationAsync(string date = "2026-11-02", string description = "Kontorsmaterial", string counterparty = "Clas Ohlson", string vatCode = "vat25")
    {
        var body = JsonSerializer.Serialize(new
        {
            date,
            description,
            counterparty,
            lines = new object[]
            {
                new { account = "6110", debit = "200.00", vatCode },
                new { account = "2641", debit = "50.00" },
                new { account = "1930", credit = "250.00" },
            },
        });
        return Client.PostAsync($"/api/v1/orgs/{OrgId}/verifications", new StringContent(body, Encoding.UTF8, "application/json"));
    }

    // HttpClient refuses to write a control character into a header, so the part is written by hand (RFC 7578, filename* of RFC 5987).
    private Task<HttpResponseMessage> UploadNamedAsync(byte[] bytes, string fileName)
    {
        const string Boundary = "cleanledger-boundary";
        var head = Encoding.ASCII.GetBytes(
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}\r\nContent-Type: application/pdf\r\n\r\n");
        var tail = Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n");
        var content = new ByteArrayContent([.. head, .. bytes, .. tail]);
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={Boundary}");
        return Client.PostAsync($"/api/v1/orgs/{OrgId}/documents", content);
    }

    private static async Task<IReadOnlyList<string>> ErrorFieldsAsync(HttpResponseMessage response) =>
        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(error => error.Name).ToList();

    private static async Task ShouldListAsync(HttpResponseMessage response, string field, string allowed)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("field").GetString().ShouldBe(field);
        problem.GetProperty("detail").GetString()!.ShouldContain(allowed);
    }

    private async Task ShouldHaveStoredNothingAsync()
    {
        (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/verifications")).GetProperty("total").GetInt64().ShouldBe(0);
        (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/accounts")).EnumerateArray().Select(account => account.GetProperty("number").GetString())
            .ShouldNotContain("6999");
        (await Client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("memberships").GetArrayLength().ShouldBe(1);
    }
}

public sealed class InputRefusalTestsOnPostgres(PostgresApiFactory factory) : InputRefusalTests<PostgresApiFactory>(factory);

public sealed class InputRefusalTestsOnSqlite(SqliteApiFactory factory) : InputRefusalTests<SqliteApiFactory>(factory);
