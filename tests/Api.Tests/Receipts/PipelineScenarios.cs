using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Testing;

namespace CleanLedger.Api.Tests.Receipts;

/// <summary>Steps the pipeline tests take over HTTP.</summary>
public static class PipelineScenarios
{
    public static readonly string[] FinalStatuses = ["posted", "needs_review", "failed"];

    /// <summary>Receipts are dated 2025 and 2026: the organisation keeps books for both years.</summary>
    public static async Task OpenFiscalYear2025Async(this HttpClient client, Guid orgId)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/orgs/{orgId}/fiscal-years", new { start = "2025-01-01", end = "2025-12-31" });
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    public static async Task<Guid> UploadReceiptAsync(this HttpClient client, Guid orgId, ReceiptLabel receipt) =>
        await client.UploadAsync(orgId, await File.ReadAllBytesAsync(receipt.File), receipt.FileName);

    /// <summary>
    /// An order confirmation from a web shop whose lines name no category (so only the vendor memory
    /// can know its account), sent as a PDF with a text layer.
    /// </summary>
    public static byte[] WebShopOrder(string orderNumber, string date, string total = "960,00") => ReceiptPdf.Render(
        "Nordlunds Handel", "Org.nr: 556527-0815", $"Kvitto / order {orderNumber}", $"Datum: {date} 14:05",
        "Artikel 20431      2 st x 300,00      600,00", "Artikel 88012                         360,00",
        "Moms 25%     Netto 768,00     Moms 192,00", $"Totalt SEK                          {total}", $"Betalt med kort Visa                {total}",
        $"Kortköp {date} 14:05   Visa ****4321");

    public static async Task<Guid> UploadAsync(this HttpClient client, Guid orgId, byte[] receipt, string fileName)
    {
        var response = await Support.ApiScenarios.UploadAsync(client, orgId, receipt, fileName);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> DocumentAsync(this HttpClient client, Guid orgId, Guid documentId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/documents/{documentId}");

    /// <summary>Polls until the document leaves the pipeline (posted, needs_review or failed).</summary>
    public static async Task<JsonElement> FinishedDocumentAsync(this HttpClient client, Guid orgId, Guid documentId, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            var document = await client.DocumentAsync(orgId, documentId);
            if (FinalStatuses.Contains(document.GetProperty("status").GetString()))
                return document;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Document {documentId} is still {document.GetProperty("status").GetString()}.");
            await Task.Delay(250);
        }
    }

    public static async Task<JsonElement> VerificationAsync(this HttpClient client, Guid orgId, Guid verificationId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/verifications/{verificationId}");

    public static IEnumerable<(string Account, long Debit, long Credit)> Lines(this JsonElement verification) =>
        verification.GetProperty("lines").EnumerateArray().Select(line =>
            (line.GetProperty("account").GetString()!, line.GetProperty("debitOre").GetInt64(), line.GetProperty("creditOre").GetInt64()));
}
