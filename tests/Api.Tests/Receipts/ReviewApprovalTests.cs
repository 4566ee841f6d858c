using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;

namespace CleanLedger.Api.Tests.Receipts;

/// <summary>Approving from the review queue with corrections, on SQLite (the embedded default), jobs run by the test.</summary>
public sealed class ReviewApprovalTests(ManualJobsApiFactory factory) : OwnerApiTest<ManualJobsApiFactory>(factory)
{
    private async Task<Guid> ProcessedAsync(byte[] receipt, string fileName)
    {
        var id = await Client.UploadAsync(OrgId, receipt, fileName);
        await Factory.RunReceiptJobAsync(OrgId, id);
        return id;
    }

    [Fact]
    public async Task A_receipt_whose_amounts_disagree_waits_and_posts_with_the_reviewers_lines_and_total()
    {
        // The printed total (990,00) does not match the VAT table (768 + 192 = 960).
        var id = await ProcessedAsync(PipelineScenarios.WebShopOrder("2001", "2026-06-12", total: "990,00"), "order-2001.pdf");
        var waiting = await Client.DocumentAsync(OrgId, id);
        waiting.GetProperty("status").GetString().ShouldBe("needs_review");
        waiting.GetProperty("reviewReasons").EnumerateArray().Select(reason => reason.GetString()).ShouldContain("amounts.inconsistent");
        var queued = (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/review")).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        queued.GetProperty("proposal").GetProperty("lines").ValueKind.ShouldBe(JsonValueKind.Null);
        var detail = queued.GetProperty("reviewDetails").EnumerateArray().Single(reason => reason.GetProperty("code").GetString() == "amounts.inconsistent");
        detail.GetProperty("messageSv").GetString().ShouldBe("Kontrollera totalbeloppet och momsen mot kvittot; de går inte ihop");
        detail.GetProperty("messageEn").GetString().ShouldBe("Check the total and the VAT against the receipt; they do not add up");
        detail.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        waiting.GetProperty("reviewDetails").EnumerateArray().Single(reason => reason.GetProperty("code").GetString() == "amounts.inconsistent")
            .GetProperty("messageSv").GetString().ShouldBe(detail.GetProperty("messageSv").GetString());

        var approval = await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/review/{id}/approve", new
        {
            total = "960.00",
            lines = new object[]
            {
                new { account = "5460", debit = "768.00", vatCode = "vat25" },
                new { account = "2641", debit = "192.00" },
                new { account = "1930", credit = "960.00" },
            },
        });

        approval.StatusCode.ShouldBe(HttpStatusCode.Created, await approval.Content.ReadAsStringAsync());
        var verification = await Client.VerificationAsync(OrgId, (await approval.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        verification.Lines().ShouldBe([("5460", 768_00L, 0L), ("2641", 192_00L, 0L), ("1930", 0L, 960_00L)]);
        verification.GetProperty("complianceResults").EnumerateArray().Where(result => result.GetProperty("code").GetString() == "R-051")
            .ShouldHaveSingleItem().GetProperty("passed").GetBoolean().ShouldBeTrue();
        var posted = await Client.DocumentAsync(OrgId, id);
        (posted.GetProperty("status").GetString(), posted.GetProperty("verificationId").GetGuid()).ShouldBe(("posted", verification.GetProperty("id").GetGuid()));
        (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/review")).GetProperty("total").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task Lines_a_blocking_rule_refuses_answer_422_with_every_result_and_leave_the_document_waiting()
    {
        var id = await ProcessedAsync(PipelineScenarios.WebShopOrder("2002", "2026-06-12"), "order-2002.pdf");

        var unbalanced = await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/review/{id}/approve", new
        {
            lines = new object[] { new { account = "5460", debit = "768.00", vatCode = "vat25" }, new { account = "1930", credit = "960.00" } },
        });

        unbalanced.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await unbalanced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("complianceResults").GetArrayLength().ShouldBe(8);
        (await Client.DocumentAsync(OrgId, id)).GetProperty("status").GetString().ShouldBe("needs_review");
        (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/verifications")).GetProperty("total").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task Paid_privately_credits_the_owners_account_2893_in_an_aktiebolag()
    {
        var id = await ProcessedAsync(PipelineScenarios.WebShopOrder("2003", "2026-06-12"), "order-2003.pdf");

        var approval = await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/review/{id}/approve", new { account = "5460", paidPrivately = true });

        approval.StatusCode.ShouldBe(HttpStatusCode.Created, await approval.Content.ReadAsStringAsync());
        var verification = await Client.VerificationAsync(OrgId, (await approval.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        verification.Lines().ShouldBe([("5460", 768_00L, 0L), ("2641", 192_00L, 0L), ("2893", 0L, 960_00L)]);
    }

    [Fact]
    public async Task A_malformed_correction_is_400_and_changes_nothing()
    {
        var id = await ProcessedAsync(PipelineScenarios.WebShopOrder("2004", "2026-06-12"), "order-2004.pdf");

        var response = await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/review/{id}/approve", new { account = "99999" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Client.DocumentAsync(OrgId, id)).GetProperty("status").GetString().ShouldBe("needs_review");
    }

    public static TheoryData<string> RefusedVatCorrections() => new()
    {
        """{ "vat": [{ "rate": 7, "amount": "10.00" }] }""",
        """{ "vat": [{ "rate": 25, "amount": "-1.00" }] }""",
        """{ "vat": [{ "rate": 25, "amount": "100000000001.00" }] }""",
        """{ "vat": [{ "rate": 0, "amount": "1.00" }] }""",
        """{ "vat": [{ "rate": 25, "amount": "100.00" }, { "rate": 25, "amount": "92.00" }] }""",
        """{ "vat": [] }""",
        """{ "total": "100.00", "vat": [{ "rate": 25, "amount": "192.00" }] }""",
        """{ "vat": [{ "rate": 25, "amount": "192.00" }], "lines": [{ "account": "5460", "debit": "960.00" }, { "account": "1930", "credit": "960.00" }] }""",
        """{ "vat": [{ "rate": "25 %", "amount": "192.00" }] }""",
    };

    [Theory]
    [MemberData(nameof(RefusedVatCorrections))]
    public async Task A_VAT_correction_of_a_rate_amount_or_shape_the_books_cannot_take_is_400_and_changes_nothing(string body)
    {
        var id = await ProcessedAsync(PipelineScenarios.WebShopOrder("2005", "2026-06-12"), "order-2005.pdf");

        var response = await Client.PostAsync($"/api/v1/orgs/{OrgId}/review/{id}/approve", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await Client.DocumentAsync(OrgId, id)).GetProperty("status").GetString().ShouldBe("needs_review");
        (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/verifications")).GetProperty("total").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task A_corrected_VAT_is_posted_on_2641_with_the_net_on_the_cost_account()
    {
        var id = await ProcessedAsync(PipelineScenarios.WebShopOrder("2006", "2026-06-12"), "order-2006.pdf");

        var approval = await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/review/{id}/approve", new
        {
            account = "5460",
            // The order was 400 kr at 25 % and 560 kr at 12 %; the VAT table was read as one 25 % rate.
            vat = new object[] { new { rate = 25, amount = "80.00" }, new { rate = 12, amount = 60 } },
        });

        approval.StatusCode.ShouldBe(HttpStatusCode.Created, await approval.Content.ReadAsStringAsync());
        var verification = await Client.VerificationAsync(OrgId, (await approval.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        verification.Lines().ShouldBe([("5460", 320_00L, 0L), ("2641", 80_00L, 0L), ("5460", 500_00L, 0L), ("2641", 60_00L, 0L), ("1930", 0L, 960_00L)]);
    }
}
