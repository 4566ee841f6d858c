using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Application.Receipts;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Benchmarks;

/// <summary>
/// Upload→posted latency of single-page receipt photos, one at a time: the real Api on PostgreSQL
/// with its Hangfire server, clamd and the OCR pool; the clock runs from sending the upload until
/// the document answers a final status. The baseline, in the same run and process, is reading the
/// same photo with the warm OCR pool alone — the step no pipeline can skip — so the ratio shows
/// what everything else (scan, store, queue, extraction, rules, posting) adds.
/// </summary>
public static class PipelineLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args is ["--receipts", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 20;
        var photos = ReceiptLabel.Swedish.Where(label => label.Render == "photo" && label.FileName.EndsWith(".jpg", StringComparison.Ordinal)).Take(count).ToList();
        await using var host = new PipelineHost();
        await ((Xunit.IAsyncLifetime)host).InitializeAsync();
        using var client = host.CreateClient();
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        var orgId = me.GetProperty("memberships")[0].GetProperty("orgId").GetGuid();
        var ocr = host.Services.GetRequiredService<IOcrEngine>();

        // Warm-up: engines, JIT and connections, on a photo not measured.
        await UploadUntilFinishedAsync(client, orgId, await File.ReadAllBytesAsync(ReceiptLabel.SwedishReceipt("receipt_0003.jpg").File), "warm-up.jpg");

        var pipeline = new List<double>();
        var reading = new List<double>();
        var outcomes = new Dictionary<string, int>();
        foreach (var photo in photos)
        {
            var bytes = await File.ReadAllBytesAsync(photo.File);
            var started = Stopwatch.GetTimestamp();
            await ocr.ReadAsync(bytes, "image/jpeg", OcrPass.Standard, CancellationToken.None);
            reading.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);

            var (seconds, status) = await UploadUntilFinishedAsync(client, orgId, bytes, photo.FileName);
            pipeline.Add(seconds);
            outcomes[status] = outcomes.GetValueOrDefault(status) + 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"receipts={photos.Count} upload→final p50={Percentile(pipeline, 50):0.000} s p95={Percentile(pipeline, 95):0.000} s max={pipeline.Max():0.000} s; " +
            $"OCR alone p50={Percentile(reading, 50):0.000} s p95={Percentile(reading, 95):0.000} s; ratio p50 {Percentile(pipeline, 50) / Percentile(reading, 50):0.00}; " +
            $"outcomes {string.Join(", ", outcomes.Select(outcome => $"{outcome.Key} {outcome.Value}"))}; " +
            $"slowest {string.Join(", ", photos.Zip(pipeline).OrderByDescending(photo => photo.Second).Take(3).Select(photo => $"{photo.First.FileName} {photo.Second:0.000} s"))}"));
        return 0;
    }

    private static async Task<(double Seconds, string Status)> UploadUntilFinishedAsync(HttpClient client, Guid orgId, byte[] bytes, string fileName)
    {
        var started = Stopwatch.GetTimestamp();
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        content.Add(file, "file", fileName);
        var upload = await client.PostAsync($"/api/v1/orgs/{orgId}/documents", content);
        upload.EnsureSuccessStatusCode();
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        while (true)
        {
            var status = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/documents/{id}")).GetProperty("status").GetString()!;
            if (status is "posted" or "needs_review" or "failed")
                return (Stopwatch.GetElapsedTime(started).TotalSeconds, status);
            await Task.Delay(20);
        }
    }

    private static double Percentile(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>The Api as ./build/run.sh starts it, but on the benchmark's PostgreSQL database.</summary>
    // Any public type of the Api assembly names its entry point (this project has a Program of its own).
    private sealed class PipelineHost() : HostFactory<Api.Endpoints.UploadResponse>(DatabaseProvider.Postgres)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Jobs:Server"] = "true",
            // The benchmark polls the document far faster than any client may.
            ["RateLimiting:PerIp:PermitLimit"] = "1000000",
            ["RateLimiting:PerUser:PermitLimit"] = "1000000",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseContentRoot(Path.Combine(RepositoryPaths.Root, "src", "Api"));
        }
    }
}
