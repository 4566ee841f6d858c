using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Testing;

namespace CleanLedger.Api.Tests.Ledger;

/// <summary>The verification, compliance and period routes of the contract, over HTTP, on both engines.</summary>
public abstract class VerificationApiTests<TFactory>(TFactory factory) : OwnerApiTest<TFactory>(factory)
    where TFactory : ApiFactory
{
    protected override string OrganizationName => "Verifikat AB";

    protected override string VatPeriod => "quarterly";

    private static object OfficeSupplies(string date = "2026-11-02", string counterparty = "Clas Ohlson") => new
    {
        date,
        description = "Kontorsmaterial",
        counterparty,
        documentIds = Array.Empty<Guid>(),
        lines = new object[]
        {
            new { account = "6110", debit = "200.00", vatCode = "vat25" },
            new { account = "2641", debit = 50, vatCode = "vat25" },
            new { account = "1930", credit = 250.0 },
        },
    };

    [Fact]
    public async Task Posting_answers_201_with_its_number_and_the_verification_reads_back_in_kronor_and_ore()
    {
        var response = await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/verifications", OfficeSupplies());

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var posted = await response.Content.ReadFromJsonAsync<JsonElement>();
        (posted.GetProperty("series").GetString(), posted.GetProperty("number").GetInt64()).ShouldBe(("A", 1L));
        posted.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()).ShouldBe(["R-001"]);
        var id = posted.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/orgs/{OrgId}/verifications/{id}");

        var verification = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/verifications/{id}");
        verification.GetProperty("gross").GetString().ShouldBe("250.00");
        verification.GetProperty("grossOre").GetInt64().ShouldBe(25000);
        verification.GetProperty("lines").EnumerateArray()
            .Select(line => (line.GetProperty("account").GetString(), line.GetProperty("debit").GetString(), line.GetProperty("creditOre").GetInt64()))
            .ShouldBe([("6110", "200.00", 0L), ("2641", "50.00", 0L), ("1930", "0.00", 25000L)]);
        verification.GetProperty("complianceResults").GetArrayLength().ShouldBe(8);

        var list = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/verifications?from=2026-11-01&to=2026-11-30&series=A");
        list.GetProperty("total").GetInt64().ShouldBe(1);
        list.GetProperty("items")[0].GetProperty("gross").GetString().ShouldBe("250.00");
    }

    [Fact]
    public async Task A_blocking_rule_answers_422_with_every_rule_and_nothing_is_stored()
    {
        var unbalanced = new
        {
            date = "2026-11-02",
            description = "Fel",
            lines = new object[] { new { account = "6110", debit = "200.00" }, new { account = "1930", credit = "199.99" } },
        };

        var problem = await (await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/verifications", unbalanced))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("code").GetString().ShouldBe("compliance.blocked");
        var results = problem.GetProperty("complianceResults").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("code").GetString()).ShouldBe(["R-001", "R-011", "R-021", "R-031", "R-051", "VAT", "PERIOD", "DUP"]);
        results.Single(r => r.GetProperty("code").GetString() == "R-011").GetProperty("passed").GetBoolean().ShouldBeFalse();
        (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/verifications")).GetProperty("total").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task A_document_the_organisation_does_not_have_is_refused()
    {
        var withForeignDocument = new
        {
            date = "2026-11-02",
            description = "Kontorsmaterial",
            counterparty = "Clas Ohlson",
            documentIds = new[] { Guid.NewGuid() },
            lines = new object[] { new { account = "6570", debit = "10.00" }, new { account = "1930", credit = "10.00" } },
        };

        var problem = await (await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/verifications", withForeignDocument))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("code").GetString().ShouldBe("verification.document_unknown");
    }

    [Theory]
    [InlineData("{\"date\":\"2026-11-02\",\"description\":\"X\"}")]
    [InlineData("{\"date\":\"2026-11-02\",\"description\":\"X\",\"lines\":[null]}")]
    [InlineData("{\"date\":\"2026-11-02\",\"description\":null,\"lines\":[]}")]
    public async Task Missing_or_null_required_fields_are_400(string body)
    {
        var response = await Client.PostAsync($"/api/v1/orgs/{OrgId}/verifications", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_precheck_answers_every_rule_without_posting()
    {
        var response = await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/compliance/precheck", OfficeSupplies());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
        results.Count.ShouldBe(8);
        results.ShouldAllBe(r => r.GetProperty("severity").GetString() == "block" || r.GetProperty("code").GetString() == "R-001");
        (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/verifications")).GetProperty("total").GetInt64().ShouldBe(0);
    }

    [Theory]
    [InlineData("\"200.001\"")]
    [InlineData("\"2,00\"")]
    [InlineData("true")]
    public async Task An_amount_that_is_not_kronor_with_two_decimals_answers_400(string amount)
    {
        var body = $$"""{"date":"2026-11-02","description":"X","lines":[{"account":"6570","debit":{{amount}}},{"account":"1930","credit":"2.00"}]}""";

        var response = await Client.PostAsync($"/api/v1/orgs/{OrgId}/verifications", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Reversing_posts_the_correction_and_a_second_reversal_is_refused()
    {
        var posted = await (await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/verifications", OfficeSupplies())).Content.ReadFromJsonAsync<JsonElement>();
        var id = posted.GetProperty("id").GetGuid();

        var reversal = await Client.PostAsync($"/api/v1/orgs/{OrgId}/verifications/{id}/reverse", null);
        reversal.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await reversal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt64().ShouldBe(2);

        var again = await (await Client.PostAsync($"/api/v1/orgs/{OrgId}/verifications/{id}/reverse", null)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        again.GetProperty("code").GetString().ShouldBe("verification.already_reversed");
        var original = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/verifications/{id}");
        original.GetProperty("reversedBy").GetGuid().ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task Reversals_sent_at_once_post_one_correction_and_refuse_the_others_with_problem_details()
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var posted = await (await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/verifications", OfficeSupplies())).Content.ReadFromJsonAsync<JsonElement>();
            var id = posted.GetProperty("id").GetGuid();

            var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Client.PostAsync($"/api/v1/orgs/{OrgId}/verifications/{id}/reverse", null)));

            answers.Count(answer => answer.StatusCode == HttpStatusCode.Created).ShouldBe(1);
            // Refused after the winner committed, or (on PostgreSQL) by the unique reversal index while it did.
            foreach (var refused in answers.Where(answer => answer.StatusCode != HttpStatusCode.Created))
            {
                var problem = await refused.ShouldBeProblemAsync(refused.StatusCode);
                (refused.StatusCode, problem.GetProperty("code").GetString()).ShouldBeOneOf(
                    (HttpStatusCode.UnprocessableEntity, "verification.already_reversed"), (HttpStatusCode.Conflict, "conflict.concurrent_change"));
            }

            var list = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/verifications");
            list.GetProperty("items").EnumerateArray().Count(v => v.TryGetProperty("reverses", out var reverses) && reverses.ValueKind == JsonValueKind.String && reverses.GetGuid() == id)
                .ShouldBe(1);
        }
    }

    [Fact]
    public async Task A_locked_period_refuses_postings_with_the_period_rule()
    {
        (await Client.PostAsync($"/api/v1/orgs/{OrgId}/periods/2026-10/lock", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var problem = await (await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/verifications", OfficeSupplies("2026-10-20")))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("complianceResults").EnumerateArray()
            .Where(r => !r.GetProperty("passed").GetBoolean() && r.GetProperty("severity").GetString() == "block")
            .Select(r => r.GetProperty("code").GetString()).ShouldBe(["PERIOD"]);
        await (await Client.PostAsync($"/api/v1/orgs/{OrgId}/periods/2026-13/lock", null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Another_organisation_gets_404_and_a_viewer_gets_403()
    {
        var posted = await (await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/verifications", OfficeSupplies())).Content.ReadFromJsonAsync<JsonElement>();
        var id = posted.GetProperty("id").GetGuid();
        var stranger = Factory.ClientFor(TestUser.New("Stina Stranger"));
        var viewer = TestUser.New("Vera Viewer");
        await Client.PutAsJsonAsync($"/api/v1/orgs/{OrgId}/members/{viewer.Id}", new { role = "viewer" });

        await (await stranger.GetAsync($"/api/v1/orgs/{OrgId}/verifications/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsync($"/api/v1/orgs/{OrgId}/verifications/{id}/reverse", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var viewerClient = Factory.ClientFor(viewer);
        (await viewerClient.GetAsync($"/api/v1/orgs/{OrgId}/verifications/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await viewerClient.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/verifications", OfficeSupplies(counterparty: "Annan")))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_chart_fiscal_years_and_audit_trail_are_served()
    {
        var accounts = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/accounts");
        accounts.EnumerateArray().Select(a => a.GetProperty("number").GetString()).ShouldContain("1930");
        accounts.GetArrayLength().ShouldBeGreaterThanOrEqualTo(80);

        var years = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/fiscal-years");
        years.EnumerateArray().Select(y => (y.GetProperty("start").GetString(), y.GetProperty("end").GetString())).ShouldBe([("2026-01-01", "2026-12-31")]);
        var next = await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/fiscal-years", new { start = "2027-01-01", end = "2027-12-31" });
        next.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await (await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/fiscal-years", new { start = "2027-06-01", end = "2028-05-31" }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString().ShouldBe("fiscal_year.overlap");

        (await Client.PostAsync($"/api/v1/orgs/{OrgId}/accounts/6110/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var refused = await (await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/verifications", OfficeSupplies()))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        refused.GetProperty("detail").GetString().ShouldBe("R-031");

        var audit = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/audit-events");
        audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldContain("account.deactivated");
    }
}

public sealed class VerificationApiTestsOnPostgres(PostgresApiFactory factory) : VerificationApiTests<PostgresApiFactory>(factory);

public sealed class VerificationApiTestsOnSqlite(SqliteApiFactory factory) : VerificationApiTests<SqliteApiFactory>(factory);
