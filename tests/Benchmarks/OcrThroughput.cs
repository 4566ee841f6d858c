using System.Diagnostics;
using System.Globalization;
using CleanLedger.Application.Receipts;
using CleanLedger.Infrastructure.Documents;
using CleanLedger.Infrastructure.Receipts.Ocr;
using CleanLedger.Testing;
using Microsoft.Extensions.Options;

namespace CleanLedger.Benchmarks;

/// <summary>
/// OCR of the same receipt JPEGs two ways in one run: the baseline is a shell loop of the
/// tesseract command (swe+eng, psm 6, tessedit_do_invert=0 as in the pool, OMP_THREAD_LIMIT=1), one image at a time, paying process
/// start and model loading per image; against it the in-process pool with one warm engine per
/// processor and every image queued at once — once with the production clean-up (grey, deskew,
/// background normalisation) and once with grey only, which is the work the command does.
/// Besides receipts per second it reports CPU seconds per receipt (the command's from the
/// reaped children's times), which other load on the machine distorts far less than wall time.
/// </summary>
public static class OcrThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args is ["--images", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 40;
        var images = SharedData.SwedishReceipts("jpg").Take(count).ToList();
        using var production = new TesseractOcrEngine(Options.Create(new OcrOptions()), Options.Create(new ImageBudget()), DocumentWork.Gate());
        using var greyOnly = new TesseractOcrEngine(Options.Create(new OcrOptions { Deskew = false, Threshold = ImageThreshold.Tesseract }), Options.Create(new ImageBudget()), DocumentWork.Gate());

        // Warm-up: loads every engine's models and JITs both paths.
        await MeasurePoolAsync(production, images);
        await MeasurePoolAsync(greyOnly, images);
        await MeasureShellLoopAsync(images.Take(2).ToList());

        var rounds = new List<(Sample Baseline, Sample Production, Sample GreyOnly)>();
        for (var round = 1; round <= 3; round++)
        {
            var baseline = await MeasureShellLoopAsync(images);
            var pool = await MeasurePoolAsync(production, images);
            var grey = await MeasurePoolAsync(greyOnly, images);
            rounds.Add((baseline, pool, grey));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: shell loop {baseline}; pool {pool} (ratio {pool.PerSecond / baseline.PerSecond:0.00}); pool grey only {grey} (ratio {grey.PerSecond / baseline.PerSecond:0.00})"));
        }

        static double Median(IEnumerable<double> values) => values.Order().ElementAt(1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"images={images.Count} engines={Environment.ProcessorCount} medians: shell loop {Median(rounds.Select(r => r.Baseline.PerSecond)):0.00}/s {Median(rounds.Select(r => r.Baseline.CpuPerReceipt)):0.00} cpu-s; " +
            $"pool {Median(rounds.Select(r => r.Production.PerSecond)):0.00}/s {Median(rounds.Select(r => r.Production.CpuPerReceipt)):0.00} cpu-s ratio {Median(rounds.Select(r => r.Production.PerSecond / r.Baseline.PerSecond)):0.00}; " +
            $"pool grey only {Median(rounds.Select(r => r.GreyOnly.PerSecond)):0.00}/s {Median(rounds.Select(r => r.GreyOnly.CpuPerReceipt)):0.00} cpu-s ratio {Median(rounds.Select(r => r.GreyOnly.PerSecond / r.Baseline.PerSecond)):0.00}"));
        return 0;
    }

    private static async Task<Sample> MeasurePoolAsync(TesseractOcrEngine engine, IReadOnlyList<string> images)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var reads = await Task.WhenAll(images.Select(async path =>
            await engine.ReadAsync(await File.ReadAllBytesAsync(path), "image/jpeg", OcrPass.Standard, CancellationToken.None)));
        var sample = new Sample(images.Count, Stopwatch.GetElapsedTime(started), Process.GetCurrentProcess().TotalProcessorTime - cpu);
        return reads.All(read => read.Text.Length > 0) ? sample : throw new InvalidOperationException("The pool returned an empty text.");
    }

    private static async Task<Sample> MeasureShellLoopAsync(IReadOnlyList<string> images)
    {
        var cpu = ChildrenProcessorTime();
        var started = Stopwatch.GetTimestamp();
        foreach (var path in images)
        {
            var start = new ProcessStartInfo("tesseract") { RedirectStandardOutput = true, RedirectStandardError = true };
            // The pool's recognition settings: no second, inverted reading of doubtful lines.
            foreach (var argument in new[] { path, "stdout", "-l", "swe+eng", "--psm", "6", "-c", "tessedit_do_invert=0" })
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

        return new Sample(images.Count, Stopwatch.GetElapsedTime(started), ChildrenProcessorTime() - cpu);
    }

    /// <summary>User and system time of the waited-for child processes (cutime, cstime in /proc/self/stat, in 1/100 s).</summary>
    private static TimeSpan ChildrenProcessorTime()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields after "(comm)" start at field 3 (state); cutime and cstime are fields 16 and 17.
        var ticks = long.Parse(fields[16 - 3], CultureInfo.InvariantCulture) + long.Parse(fields[17 - 3], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private sealed record Sample(int Receipts, TimeSpan Elapsed, TimeSpan Processor)
    {
        public double PerSecond => Receipts / Elapsed.TotalSeconds;

        public double CpuPerReceipt => Processor.TotalSeconds / Receipts;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{PerSecond:0.00}/s {CpuPerReceipt:0.00} cpu-s");
    }
}
