using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;
using CleanLedger.Application.Receipts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Benchmarks;

/// <summary>
/// The Api as ./build/run.sh starts it, with its Hangfire server, but on the benchmark's PostgreSQL
/// database; the benchmarks poll documents far faster than any client may. With an OCR cache folder
/// each document's OCR text is kept per pass between runs (<see cref="CachingOcrEngine"/>).
/// </summary>
// Any public type of the Api assembly names its entry point (this project has a Program of its own).
internal sealed class ApiBenchmarkHost(string? ocrCache = null) : HostFactory<Api.Endpoints.UploadResponse>(DatabaseProvider.Postgres)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Jobs:Server"] = "true",
        // The benchmarks print their own tables on standard output.
        ["Logging:LogLevel:Default"] = "Warning",
        ["RateLimiting:PerIp:PermitLimit"] = "1000000",
        ["RateLimiting:PerUser:PermitLimit"] = "1000000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseContentRoot(Path.Combine(RepositoryPaths.Root, "src", "Api"));
        if (ocrCache is not null)
        {
            builder.ConfigureTestServices(services =>
            {
                var engine = services.Single(service => service.ServiceType == typeof(IOcrEngine));
                services.Remove(engine);
                services.AddSingleton(engine.ImplementationType!);
                services.AddSingleton<IOcrEngine>(provider => new CachingOcrEngine((IOcrEngine)provider.GetRequiredService(engine.ImplementationType!), ocrCache));
            });
        }
    }

    /// <summary>Uploads one file as a client would and polls the document until the pipeline has finished with it.</summary>
    public static async Task<(Guid Id, double Seconds, string Status)> UploadUntilFinishedAsync(
        HttpClient client, Guid orgId, byte[] bytes, string fileName, string contentType)
    {
        var started = Stopwatch.GetTimestamp();
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(file, "file", fileName);
        var upload = await client.PostAsync($"/api/v1/orgs/{orgId}/documents", content);
        upload.EnsureSuccessStatusCode();
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        while (true)
        {
            var status = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/documents/{id}")).GetProperty("status").GetString()!;
            if (status is "posted" or "needs_review" or "failed")
                return (id, Stopwatch.GetElapsedTime(started).TotalSeconds, status);
            await Task.Delay(20);
        }
    }
}
