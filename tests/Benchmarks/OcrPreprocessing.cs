using System.Globalization;
using CleanLedger.Application.Receipts;
using CleanLedger.Infrastructure.Documents;
using CleanLedger.Infrastructure.Receipts.Ocr;
using CleanLedger.Testing;
using Microsoft.Extensions.Options;

namespace CleanLedger.Benchmarks;

/// <summary>
/// Chooses the image clean-up before Tesseract by what it reads: for every photo, scan and
/// screenshot of receipts-se/dev, whether the labelled total ("116.40" printed as "116,40") and
/// the labelled date (in any of the usual Swedish receipt formats) appear in the text, under each
/// set of Leptonica steps.
/// </summary>
public static class OcrPreprocessing
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    private static readonly (string Name, OcrOptions Options)[] Variants =
    [
        ("grey", new OcrOptions { Deskew = false, Threshold = ImageThreshold.Tesseract }),
        ("grey, psm 3 (automatic)", new OcrOptions { Deskew = false, Threshold = ImageThreshold.Tesseract, PageSegmentationMode = 3 }),
        ("grey + ×2 below 1000 px", new OcrOptions { UpscaleBelowWidth = 1000, Deskew = false, Threshold = ImageThreshold.Tesseract }),
        ("grey + ×2 + deskew", new OcrOptions { UpscaleBelowWidth = 1000, Threshold = ImageThreshold.Tesseract }),
        ("grey + background normalisation", new OcrOptions { Deskew = false }),
        ("grey + deskew + background normalisation", new OcrOptions()),
        ("grey + deskew + background normalisation + surroundings cleared", new OcrOptions { ClearSurroundings = true }),
        ("grey + deskew + background normalisation + fixed threshold", new OcrOptions { Threshold = ImageThreshold.NormalizeBackgroundAndBinarize }),
        ("grey + ×2 + background normalisation", new OcrOptions { UpscaleBelowWidth = 1000, Deskew = false }),
        ("grey + ×2 below 600 px + deskew + background normalisation", new OcrOptions { UpscaleBelowWidth = 600 }),
        ("grey + ×2 + deskew + background normalisation", new OcrOptions { UpscaleBelowWidth = 1000 }),
        ("grey + ×2 + deskew + adaptive Otsu", new OcrOptions { UpscaleBelowWidth = 1000, Threshold = ImageThreshold.AdaptiveOtsu }),
        ("grey + ×2 + deskew + Sauvola", new OcrOptions { UpscaleBelowWidth = 1000, Threshold = ImageThreshold.Sauvola }),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var receipts = ReceiptLabel.Swedish.Where(label => !label.File.EndsWith(".pdf", StringComparison.Ordinal)).ToList();
        var only = args.Length > 0 ? args.ToHashSet() : null;
        Console.WriteLine($"{receipts.Count} images; totals and dates found in the text");
        foreach (var (name, options) in Variants.Where(variant => only is null || only.Contains(variant.Name)))
        {
            using var engine = new TesseractOcrEngine(Options.Create(options), Options.Create(new ImageBudget()), DocumentWork.Gate());
            var reads = await Task.WhenAll(receipts.Select(async receipt =>
            {
                var text = (await engine.ReadAsync(await File.ReadAllBytesAsync(receipt.File), receipt.ContentType, OcrPass.Standard, CancellationToken.None)).Text;
                return (receipt, Total: HasTotal(text, receipt), Date: HasDate(text, receipt.Date!));
            }));
            var byRender = string.Join("; ", reads.GroupBy(read => read.receipt.Render).OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => $"{group.Key} {group.Count(read => read.Total)}/{group.Count(read => read.Date)} of {group.Count()}"));
            Console.WriteLine($"| {name} | {reads.Count(read => read.Total)} | {reads.Count(read => read.Date)} | {byRender} |");
        }

        return 0;
    }

    internal static bool HasTotal(string text, ReceiptLabel receipt) =>
        receipt.PrintedTotals().Any(form => text.Contains(form, StringComparison.Ordinal));

    internal static bool HasDate(string text, string date)
    {
        var day = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        string[] formats = ["yyyy-MM-dd", "yyyyMMdd", "yy-MM-dd", "yyMMdd", "dd.MM.yyyy", "dd.MM.yy", "d/M-yy", "dd/MM-yy", "dd/MM/yyyy", "d/M/yyyy", "yyyy/MM/dd", "yyyy.MM.dd", "d MMMM yyyy", "d MMM yyyy"];
        return formats.Any(format => text.Contains(day.ToString(format, Swedish), StringComparison.OrdinalIgnoreCase));
    }

}
