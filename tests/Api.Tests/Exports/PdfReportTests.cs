using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Testing;
using UglyToad.PdfPig;

namespace CleanLedger.Api.Tests.Exports;

/// <summary>The PDFs, read back with PdfPig: the amounts are there as text and the receipt is embedded.</summary>
public sealed class PdfReportTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task A_verification_pdf_shows_its_lines_rule_results_and_embeds_the_receipt()
    {
        var client = factory.ClientFor(TestUser.New("Pdf"));
        var orgId = await client.CreateOrganizationAsync("Kvittoläsarna AB");
        var id = await client.PostWithReceiptAsync(orgId, await File.ReadAllBytesAsync(SharedData.SwedishReceipt("receipt_0009.jpg")), "kvitto.jpg");

        var response = await client.GetAsync($"/api/v1/orgs/{orgId}/verifications/{id}/pdf");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join("\n", pdf.GetPages().Select(page => page.Text));
        text.ShouldContain("Verifikation A1");
        text.ShouldContain("Kontorsmaterial Åhléns");
        text.ShouldContain("200.00");
        text.ShouldContain("250.00");
        text.ShouldContain("R-011: ok");
        pdf.NumberOfPages.ShouldBe(2);
        pdf.GetPage(2).GetImages().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_receipt_pdf_that_needed_repair_is_stored_as_received_and_drawn_into_its_verification_pdf()
    {
        var client = factory.ClientFor(TestUser.New("Reparerad"));
        var orgId = await client.CreateOrganizationAsync("Trasig Startxref AB");
        var received = HostilePdf.WithWrongStartxref(ReceiptPdf.Render("Kaffebaren", "Att betala 42,00"));

        var id = await client.PostWithReceiptAsync(orgId, received, "kvitto.pdf");
        var response = await client.GetAsync($"/api/v1/orgs/{orgId}/verifications/{id}/pdf");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        pdf.NumberOfPages.ShouldBe(2);
        pdf.GetPage(2).Text.ShouldContain("Att betala 42,00");
        var verification = await client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/verifications/{id}");
        var documentId = verification.GetProperty("documentIds")[0].GetGuid();
        (await client.GetByteArrayAsync($"/api/v1/orgs/{orgId}/documents/{documentId}/file")).ShouldBe(received);
    }

    [Fact]
    public async Task The_vat_report_pdf_carries_the_boxes_in_whole_kronor()
    {
        var client = factory.ClientFor(TestUser.New("Moms"));
        var orgId = await client.CreateOrganizationAsync("Momsrapport AB");
        var posted = await client.PostAsJsonAsync($"/api/v1/orgs/{orgId}/verifications", new
        {
            date = "2026-11-03",
            description = "Försäljning",
            counterparty = "Kund",
            lines = new object[] { new { account = "1930", debit = "1250.00" }, new { account = "3001", credit = "1000.00" }, new { account = "2611", credit = "250.00" } },
        });
        posted.StatusCode.ShouldBe(HttpStatusCode.Created);

        var bytes = await client.GetByteArrayAsync($"/api/v1/orgs/{orgId}/vat-reports/2026-11?format=pdf");

        using var pdf = PdfDocument.Open(bytes);
        var text = string.Join("\n", pdf.GetPages().Select(page => page.Text));
        text.ShouldContain("Momsdeklaration 2026-11");
        text.ShouldContain("Ruta 05");
        text.ShouldContain("1000");
        text.ShouldContain("Moms att betala eller få tillbaka");
    }
}
