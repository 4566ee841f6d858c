using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CleanLedger.Api.Tests.Support;

/// <summary>Steps many tests take over HTTP, as a client app would.</summary>
public static class ApiScenarios
{
    /// <summary>Creates an organisation owned by the client's user; returns its id.</summary>
    public static async Task<Guid> CreateOrganizationAsync(this HttpClient client, string name = "Kvitto AB", string vatPeriod = "monthly")
    {
        var created = await client.PostAsJsonAsync("/api/v1/orgs", new { name, orgNumber = "556677-8899", vatPeriod, fiscalYearStart = "01-01" });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Uploads a document: <paramref name="bytes"/> as the multipart field "file".</summary>
    public static Task<HttpResponseMessage> UploadAsync(
        this HttpClient client, Guid orgId, byte[] bytes, string fileName, string? idempotencyKey = null, string? declaredType = null) =>
        client.PostFileAsync($"/api/v1/orgs/{orgId}/documents", bytes, fileName, idempotencyKey, declaredType);

    /// <summary>Uploads the receipt and posts a verification of 250 kr office supplies with it; returns the verification's id.</summary>
    public static async Task<Guid> PostWithReceiptAsync(this HttpClient client, Guid orgId, byte[] receipt, string fileName)
    {
        var upload = await client.UploadAsync(orgId, receipt, fileName);
        upload.StatusCode.ShouldBe(HttpStatusCode.Accepted, await upload.Content.ReadAsStringAsync());
        var posted = await client.PostAsJsonAsync($"/api/v1/orgs/{orgId}/verifications", new
        {
            date = "2026-11-02",
            description = "Kontorsmaterial Åhléns",
            counterparty = "Åhléns",
            documentIds = new[] { (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid() },
            lines = new object[]
            {
                new { account = "6110", debit = "200.00", vatCode = "vat25" },
                new { account = "2641", debit = "50.00", vatCode = "vat25" },
                new { account = "1930", credit = "250.00" },
            },
        });
        posted.StatusCode.ShouldBe(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        return (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>POSTs <paramref name="bytes"/> to <paramref name="path"/> as the multipart field "file".</summary>
    public static async Task<HttpResponseMessage> PostFileAsync(
        this HttpClient client, string path, byte[] bytes, string fileName, string? idempotencyKey = null, string? declaredType = null)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType ?? "application/octet-stream");
        content.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }
}
