using CleanLedger.Api.Tests.Support;
using CleanLedger.Testing;

namespace CleanLedger.Api.Tests.Receipts;

/// <summary>A UBL e-invoice through the Api and the job server: read exactly, without OCR, and posted as an unpaid supplier invoice.</summary>
[Trait("Category", "Pipeline")]
public sealed class EInvoicePipelineTests(PipelineApiFactory factory) : OwnerApiTest<PipelineApiFactory>(factory)
{
    [Fact]
    public async Task A_valid_invoice_posts_by_itself_to_the_ore_with_VAT_per_rate_and_the_amount_due_credited_to_2440()
    {
        var invoice = UblInvoices.Valid;
        var id = await Client.UploadAsync(OrgId, invoice.Bytes(), "faktura.xml");

        var document = await Client.FinishedDocumentAsync(OrgId, id);

        document.GetProperty("status").GetString().ShouldBe("posted", document.ToString());
        document.GetProperty("contentType").GetString().ShouldBe("application/xml");
        document.GetProperty("reviewReasons").GetArrayLength().ShouldBe(0);
        var extraction = document.GetProperty("extraction");
        extraction.GetProperty("source").GetString().ShouldBe("e-invoice");
        extraction.GetProperty("confidence").EnumerateObject().Select(field => field.Value.GetDouble()).ShouldAllBe(confidence => confidence == 1.0);
        var verification = await Client.VerificationAsync(OrgId, document.GetProperty("verificationId").GetGuid());
        verification.GetProperty("date").GetString().ShouldBe("2026-06-15");
        verification.GetProperty("counterparty").GetString().ShouldBe("Kontorsgrossisten Norrland AB");
        // Office paper at 25 % (309,875 rounded to 309,88) and a book at 6 %, both on office supplies as the category table says.
        verification.Lines().ShouldBe(
        [
            ("6110", 1_239_50, 0), ("2641", 309_88, 0),
            ("6110", 456_00, 0), ("2641", 27_36, 0),
            ("2440", 0, 2_032_74),
        ]);
        verification.GetProperty("documentIds").EnumerateArray().Select(d => d.GetGuid()).ShouldBe([id]);
    }

    [Fact]
    public async Task A_rounded_amount_due_books_its_rounding_on_3740()
    {
        var id = await Client.UploadAsync(OrgId, (UblInvoices.Valid with { Number = "F-2026-0418", RoundingOre = 26 }).Bytes(), "faktura-0418.xml");

        var document = await Client.FinishedDocumentAsync(OrgId, id);

        document.GetProperty("status").GetString().ShouldBe("posted", document.ToString());
        var lines = (await Client.VerificationAsync(OrgId, document.GetProperty("verificationId").GetGuid())).Lines().ToList();
        lines.ShouldContain(("3740", 26, 0));
        lines.ShouldContain(("2440", 0, 2_033_00));
    }
}
