using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Testing;

namespace CleanLedger.Api.Tests.Receipts;

/// <summary>
/// Real receipts through the Api, the Hangfire job server, Tesseract and the rules, on PostgreSQL:
/// each lands posted with its labelled amounts, or in review with its reasons.
/// </summary>
[Trait("Category", "Pipeline")]
public sealed class ReceiptPipelineTests(PipelineApiFactory factory) : OwnerApiTest<PipelineApiFactory>(factory)
{
    // Easy and ordinary prints of several kinds: parking, taxi, train, hotel, hardware, books, a web shop, groceries.
    private static readonly string[] Receipts =
        ["receipt_0003.jpg", "receipt_0035.jpg", "receipt_0048.png", "receipt_0113.jpg", "receipt_0115.pdf", "receipt_0001.jpg", "receipt_0002.jpg", "receipt_0011.pdf"];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Client.OpenFiscalYear2025Async(OrgId);
    }

    [Fact]
    public async Task Uploaded_receipts_are_posted_with_their_labelled_total_and_VAT_or_wait_in_review_with_reasons()
    {
        var labels = Receipts.Select(ReceiptLabel.SwedishReceipt).ToList();
        var documents = new List<(ReceiptLabel Label, Guid Id)>();
        foreach (var label in labels)
            documents.Add((label, await Client.UploadReceiptAsync(OrgId, label)));

        var posted = 0;
        foreach (var (label, id) in documents)
        {
            var document = await Client.FinishedDocumentAsync(OrgId, id);
            var status = document.GetProperty("status").GetString();
            document.GetProperty("ocrText").GetString().ShouldNotBeNullOrWhiteSpace(label.FileName);
            if (status == "posted")
            {
                posted++;
                var verification = await Client.VerificationAsync(OrgId, document.GetProperty("verificationId").GetGuid());
                var lines = verification.Lines().ToList();
                // What was paid is credited, the labelled VAT is debited on 2641, on the purchase date.
                lines.Where(line => line.Account is "1930" or "1910" or "2440").Sum(line => line.Credit).ShouldBe(label.TotalOre, label.FileName);
                lines.Where(line => line.Account == "2641").Sum(line => line.Debit).ShouldBe(label.Vat!.Sum(vat => vat.AmountOre), label.FileName);
                verification.GetProperty("date").GetString().ShouldBe(label.Date, label.FileName);
                verification.GetProperty("documentIds").EnumerateArray().Select(d => d.GetGuid()).ShouldBe([id]);
                document.GetProperty("reviewReasons").GetArrayLength().ShouldBe(0);
            }
            else
            {
                status.ShouldBe("needs_review", label.FileName);
                document.GetProperty("reviewReasons").EnumerateArray().ShouldNotBeEmpty(label.FileName);
                document.GetProperty("verificationId").ValueKind.ShouldBe(JsonValueKind.Null);
            }
        }

        posted.ShouldBeGreaterThan(0);
        var review = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/review");
        review.GetProperty("total").GetInt64().ShouldBe(documents.Count - posted);
        var admin = Factory.ClientFor(TestUser.Admin("Ada Admin"));
        var kpi = await admin.GetFromJsonAsync<JsonElement>("/metrics/kpi");
        kpi.GetProperty("attempts").GetInt64().ShouldBe(documents.Count);
        kpi.GetProperty("autoposted").GetInt64().ShouldBe(posted);
    }

    [Fact]
    public async Task An_approved_correction_teaches_the_vendor_memory_so_the_vendors_next_receipt_posts_by_itself()
    {
        // A web shop whose order names nothing the category table knows: its first receipt waits for a person.
        var first = await Client.FinishedDocumentAsync(OrgId, await Client.UploadAsync(OrgId, PipelineScenarios.WebShopOrder("1001", "2026-06-12"), "order-1001.pdf"));
        first.GetProperty("status").GetString().ShouldBe("needs_review");
        first.GetProperty("reviewReasons").EnumerateArray().Select(reason => reason.GetString()).ShouldContain("category.unknown");

        var approval = await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/review/{first.GetProperty("id").GetGuid()}/approve", new { account = "5460" });
        approval.StatusCode.ShouldBe(HttpStatusCode.Created, await approval.Content.ReadAsStringAsync());
        var approved = await Client.VerificationAsync(OrgId, (await approval.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        CostAccounts(approved).ShouldBe(["5460"]);
        (await Client.DocumentAsync(OrgId, first.GetProperty("id").GetGuid())).GetProperty("status").GetString().ShouldBe("posted");

        var next = await Client.FinishedDocumentAsync(OrgId, await Client.UploadAsync(OrgId, PipelineScenarios.WebShopOrder("1002", "2026-06-19"), "order-1002.pdf"));

        next.GetProperty("status").GetString().ShouldBe("posted", string.Join(", ", next.GetProperty("reviewReasons").EnumerateArray()));
        var posted = await Client.VerificationAsync(OrgId, next.GetProperty("verificationId").GetGuid());
        CostAccounts(posted).ShouldBe(["5460"]);
        posted.Lines().Single(line => line.Account == "1930").Credit.ShouldBe(960_00);
    }

    private static IEnumerable<string> CostAccounts(JsonElement verification) =>
        verification.Lines().Where(line => line.Debit > 0 && line.Account != "2641").Select(line => line.Account).Distinct();

    [Fact]
    public async Task Approving_a_document_that_is_not_waiting_for_review_is_a_conflict_and_posts_nothing()
    {
        var posted = await Client.FinishedDocumentAsync(OrgId, await Client.UploadReceiptAsync(OrgId, ReceiptLabel.SwedishReceipt("receipt_0003.jpg")));
        posted.GetProperty("status").GetString().ShouldBe("posted");

        var again = await Client.PostAsJsonAsync($"/api/v1/orgs/{OrgId}/review/{posted.GetProperty("id").GetGuid()}/approve", new { });

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/verifications")).GetProperty("total").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Another_organisations_review_queue_and_documents_are_not_found()
    {
        var document = await Client.FinishedDocumentAsync(OrgId, await Client.UploadAsync(OrgId, PipelineScenarios.WebShopOrder("1001", "2026-06-12"), "order-1001.pdf"));
        document.GetProperty("status").GetString().ShouldBe("needs_review");
        var stranger = Factory.ClientFor(TestUser.New("Sven Stranger"));
        var strangersOrg = await stranger.CreateOrganizationAsync("Främling AB");

        (await stranger.GetAsync($"/api/v1/orgs/{OrgId}/review")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var crossing = await stranger.PostAsJsonAsync($"/api/v1/orgs/{strangersOrg}/review/{document.GetProperty("id").GetGuid()}/approve", new { });
        crossing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client.DocumentAsync(OrgId, document.GetProperty("id").GetGuid())).GetProperty("status").GetString().ShouldBe("needs_review");
    }
}
