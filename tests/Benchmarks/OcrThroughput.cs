using System.Diagnostics;
using System.Globalization;
using CleanLedger.Infrastructure.Receipts.Ocr;
using CleanLedger.Testing;
using Microsoft.Extensions.Options;

namespace CleanLedger.Benchmarks;

/// <summary>
/// OCR of the same receipt JPEGs two ways in one run: the baseline is a shell loop of the
/// tesseract command (swe+eng, psm 6, OMP_THREAD_LIMIT=1), one image at a time, paying process
/// start and model loading per image; against it the in-process pool with one warm engine per
/// processor and every image queued at once — once with the production clean-up (grey, deskew,
/// background normalisation) and once with grey only, which is the work the command does.
/// </summary>
public static class OcrThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args is ["--images", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 40;
        var images = SharedData.SwedishReceipts("jpg").Take(count).ToList();
        using var production = new TesseractOcrEngine(Options.Create(new OcrOptions()));
        using var greyOnly = new TesseractOcrEngine(Options.Create(new OcrOptions { Deskew = false, Threshold = ImageThreshold.Tesseract }));

        // Warm-up: loads every engine's models and JITs both paths.
        await MeasurePoolAsync(production, images);
        await MeasurePoolAsync(greyOnly, images);
        await MeasureShellLoopAsync(images.Take(2).ToList());

        var rounds = new List<(double Baseline, double Production, double GreyOnly)>();
        for (var round = 1; round <= 3; round++)
        {
            var baseline = images.Count / (await MeasureShellLoopAsync(images)).TotalSeconds;
            var pool = images.Count / (await MeasurePoolAsync(production, images)).TotalSeconds;
            var grey = images.Count / (await MeasurePoolAsync(greyOnly, images)).TotalSeconds;
            rounds.Add((baseline, pool, grey));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: shell loop {baseline:0.00}/s; pool {pool:0.00}/s (ratio {pool / baseline:0.00}); pool grey only {grey:0.00}/s (ratio {grey / baseline:0.00})"));
        }

        static double Median(IEnumerable<double> values) => values.Order().ElementAt(1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"images={images.Count} engines={Environment.ProcessorCount} median: shell loop {Median(rounds.Select(r => r.Baseline)):0.00}/s; pool {Median(rounds.Select(r => r.Production)):0.00}/s ratio {Median(rounds.Select(r => r.Production / r.Baseline)):0.00}; pool grey only {Median(rounds.Select(r => r.GreyOnly)):0.00}/s ratio {Median(rounds.Select(r => r.GreyOnly / r.Baseline)):0.00}"));
        return 0;
    }

    private static async Task<TimeSpan> MeasurePoolAsync(TesseractOcrEngine engine, IReadOnlyList<string> images)
    {
        var started = Stopwatch.GetTimestamp();
        var reads = await Task.WhenAll(images.Select(async path =>
            await engine.ReadAsync(await File.ReadAllBytesAsync(path), "image/jpeg", CancellationToken.None)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        return reads.All(read => read.Text.Length > 0) ? elapsed : throw new InvalidOperationException("The pool returned an empty text.");
    }

    private static async Task<TimeSpan> MeasureShellLoopAsync(IReadOnlyList<string> images)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var path in images)
        {
            var start = new ProcessStartInfo("tesseract") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { path, "stdout", "-l", "swe+eng", "--psm", "6" })
                start.ArgumentList.Add(argument);
            start.Environment["OMP_THREAD_LIMIT"] = "1";
            using var process = Process.Start(start) ?? throw new InvalidOperationException("tesseract did not start.");
            var errors = process.StandardError.ReadToEndAsync();
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            await errors;
            if (process.ExitCode != 0 || text.Length == 0)
                throw new InvalidOperationException($"tesseract failed on {path}.");
        }

        return Stopwatch.GetElapsedTime(started);
    }
}
