using System.Diagnostics;
using System.Globalization;
using CleanLedger.Application.Receipts;
using CleanLedger.Infrastructure.Documents;
using CleanLedger.Infrastructure.Receipts.Ocr;
using CleanLedger.Testing;
using Microsoft.Extensions.Options;

namespace CleanLedger.Benchmarks;

/// <summary>
/// Chooses the second OCR pass by what it adds to the first: for every image of receipts-se/dev,
/// whether the labelled total, date and organisation number are legible in the standard pass's
/// text, in a candidate's text, and in either. The candidate with the largest gain in the union
/// complements the standard pass best.
/// </summary>
public static class OcrSecondPass
{
    private static OcrOptions Standard() => new() { Engines = 2 };

    private static readonly (string Name, Func<OcrOptions> Options)[] Candidates =
    [
        ("psm 4 (one column)", () => new OcrOptions { Engines = 2, PageSegmentationMode = 4 }),
        ("psm 11 (sparse text)", () => new OcrOptions { Engines = 2, PageSegmentationMode = 11 }),
        ("psm 3 (automatic)", () => new OcrOptions { Engines = 2, PageSegmentationMode = 3 }),
        ("×2 (pixScale) + psm 6", () => new OcrOptions { Engines = 2, UpscaleBelowWidth = 20_000 }),
        ("grey + deskew, no background normalisation", () => new OcrOptions { Engines = 2, Threshold = ImageThreshold.Tesseract }),
        ("background normalisation + surroundings cleared", () => new OcrOptions { Engines = 2, ClearSurroundings = true }),
        ("background normalisation + surroundings cleared + psm 4", () => new OcrOptions { Engines = 2, ClearSurroundings = true, PageSegmentationMode = 4 }),
        ("background normalisation + fixed threshold", () => new OcrOptions { Engines = 2, Threshold = ImageThreshold.NormalizeBackgroundAndBinarize }),
        ("Sauvola binarisation", () => new OcrOptions { Engines = 2, Threshold = ImageThreshold.Sauvola }),
        ("user_defined_dpi 300", () => new OcrOptions { Engines = 2, Variables = { ["user_defined_dpi"] = "300" } }),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var receipts = ReceiptLabel.Swedish.Where(label => !label.File.EndsWith(".pdf", StringComparison.Ordinal)).ToList();
        var only = args.Length > 0 ? args.ToHashSet() : null;
        var started = Stopwatch.GetTimestamp();
        var first = await ReadAllAsync(Standard(), receipts);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{receipts.Count} images; legible in the standard pass: total {Count(first, r => r.Total)}, date {Count(first, r => r.Date)}, org number {Count(first, r => r.Org)}; {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s"));
        Console.WriteLine("| candidate | total: alone / either | date: alone / either | org number: alone / either | union gain | seconds |");
        foreach (var (name, options) in Candidates.Where(candidate => only is null || only.Contains(candidate.Name)))
        {
            started = Stopwatch.GetTimestamp();
            var second = await ReadAllAsync(options(), receipts);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var either = first.Zip(second, (a, b) => new Legible(a.Total || b.Total, a.Date || b.Date, a.Org || b.Org)).ToList();
            var gain = Count(either, r => r.Total) + Count(either, r => r.Date) + Count(either, r => r.Org)
                - Count(first, r => r.Total) - Count(first, r => r.Date) - Count(first, r => r.Org);
            Console.WriteLine($"| {name} | {Count(second, r => r.Total)} / {Count(either, r => r.Total)} | {Count(second, r => r.Date)} / {Count(either, r => r.Date)} | {Count(second, r => r.Org)} / {Count(either, r => r.Org)} | +{gain} | {seconds.ToString("0", CultureInfo.InvariantCulture)} |");
        }

        return 0;
    }

    private static int Count(IEnumerable<Legible> reads, Func<Legible, bool> field) => reads.Count(field);

    private static async Task<List<Legible>> ReadAllAsync(OcrOptions options, IReadOnlyList<ReceiptLabel> receipts)
    {
        using var engine = new TesseractOcrEngine(Options.Create(options), Options.Create(new ImageBudget()), DocumentWork.Gate());
        var reads = await Task.WhenAll(receipts.Select(async receipt =>
        {
            var text = (await engine.ReadAsync(await File.ReadAllBytesAsync(receipt.File), receipt.ContentType, OcrPass.Standard, CancellationToken.None)).Text;
            return new Legible(OcrPreprocessing.HasTotal(text, receipt), OcrPreprocessing.HasDate(text, receipt.Date!), HasOrg(text, receipt.OrgNumber));
        }));
        return [.. reads];
    }

    private static bool HasOrg(string text, string? org) =>
        org is not null && (text.Contains(org, StringComparison.Ordinal) || text.Contains(org.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal));

    private sealed record Legible(bool Total, bool Date, bool Org);
}
