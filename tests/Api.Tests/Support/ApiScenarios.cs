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
