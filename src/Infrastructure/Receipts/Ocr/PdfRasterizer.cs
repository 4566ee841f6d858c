using System.Diagnostics;
using CleanLedger.Application.Receipts;
using CleanLedger.Infrastructure.Documents;

namespace CleanLedger.Infrastructure.Receipts.Ocr;

/// <summary>
/// Renders the first pages of a PDF without a text layer to PNGs with poppler's pdftoppm, each at
/// exactly the pixel size the <see cref="ImageBudget"/> gave it: poppler is told the width and height
/// in pixels, not a resolution, so no page box it reads differently can make a larger image.
/// </summary>
internal static class PdfRasterizer
{
    /// <param name="pdfPath">The PDF on disk.</param>
    /// <param name="pages">The pixel size of each page to render, first page first.</param>
    /// <param name="options">The render timeout.</param>
    /// <param name="cancellationToken">Cancels the rendering.</param>
    /// <exception cref="OcrUnreadableException">poppler cannot render the PDF, or takes too long.</exception>
    public static async Task<IReadOnlyList<byte[]>> RasterizeAsync(string pdfPath, IReadOnlyList<PixelSize> pages, OcrOptions options, CancellationToken cancellationToken)
    {
        if (pages.Count == 0)
            throw new OcrUnreadableException("ocr.unreadable_pdf", "The PDF has no pages to read.");
        var folder = Path.GetDirectoryName(pdfPath)!;
        var images = new List<byte[]>(pages.Count);
        for (var page = 1; page <= pages.Count; page++)
        {
            var prefix = Path.Combine(folder, $"page-{page}");
            await PdftoppmAsync(options, pdfPath, page, pages[page - 1], prefix, cancellationToken);
            images.Add(await File.ReadAllBytesAsync($"{prefix}.png", cancellationToken));
        }

        return images;
    }

    private static async Task PdftoppmAsync(OcrOptions options, string input, int page, PixelSize size, string outputPrefix, CancellationToken cancellationToken)
    {
        // The crop box is what a viewer shows and what the budget measured; the sizes are of the unrotated page (poppler rotates after scaling).
        string[] arguments = ["-png", "-cropbox", "-singlefile", "-f", $"{page}", "-l", $"{page}", "-scale-to-x", $"{size.Width}", "-scale-to-y", $"{size.Height}", input, outputPrefix];
        var start = new ProcessStartInfo("pdftoppm") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftoppm did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.PdfRasterTimeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new OcrUnreadableException("ocr.pdf_too_slow", $"The PDF took longer than {options.PdfRasterTimeoutSeconds} s to render.");
        }

        await output;
        var message = (await errors).Trim();
        if (process.ExitCode != 0)
            throw new OcrUnreadableException("ocr.unreadable_pdf", $"The PDF could not be rendered: {message}");
    }
}
