using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Application.Receipts;
using CleanLedger.Testing;
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
        await using var host = new ApiBenchmarkHost();
        await ((Xunit.IAsyncLifetime)host).InitializeAsync();
        using var client = host.CreateClient();
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        var orgId = me.GetProperty("memberships")[0].GetProperty("orgId").GetGuid();
        var ocr = host.Services.GetRequiredService<IOcrEngine>();

        // Warm-up: engines, JIT and connections, on a photo not measured.
        await ApiBenchmarkHost.UploadUntilFinishedAsync(client, orgId, await File.ReadAllBytesAsync(ReceiptLabel.SwedishReceipt("receipt_0003.jpg").File), "warm-up.jpg", "image/jpeg");

        var pipeline = new List<double>();
        var reading = new List<double>();
        var outcomes = new Dictionary<string, int>();
        foreach (var photo in photos)
        {
            var bytes = await File.ReadAllBytesAsync(photo.File);
            var started = Stopwatch.GetTimestamp();
            await ocr.ReadAsync(bytes, "image/jpeg", OcrPass.Standard, CancellationToken.None);
            reading.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);

            var (_, seconds, status) = await ApiBenchmarkHost.UploadUntilFinishedAsync(client, orgId, bytes, photo.FileName, "image/jpeg");
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

    private static double Percentile(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
