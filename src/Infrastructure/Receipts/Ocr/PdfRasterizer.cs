using System.Diagnostics;
using CleanLedger.Application.Receipts;

namespace CleanLedger.Infrastructure.Receipts.Ocr;

/// <summary>Renders the first pages of a PDF without a text layer to PNGs with poppler's pdftoppm.</summary>
internal static class PdfRasterizer
{
    /// <exception cref="OcrUnreadableException">poppler cannot render the PDF, or takes too long.</exception>
    public static async Task<IReadOnlyList<byte[]>> RasterizeAsync(ReadOnlyMemory<byte> pdf, OcrOptions options, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("cleanledger-ocr-").FullName;
        try
        {
            var input = Path.Combine(folder, "document.pdf");
            await File.WriteAllBytesAsync(input, pdf, cancellationToken);
            await PdftoppmAsync(options, input, Path.Combine(folder, "page"), cancellationToken);
            // pdftoppm zero-pads the page numbers (page-1.png or page-01.png), so names sort in page order.
            var pages = new List<byte[]>();
            foreach (var png in Directory.EnumerateFiles(folder, "page-*.png").Order(StringComparer.Ordinal))
                pages.Add(await File.ReadAllBytesAsync(png, cancellationToken));
            return pages.Count > 0 ? pages : throw new OcrUnreadableException("ocr.unreadable_pdf", "The PDF has no pages to read.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task PdftoppmAsync(OcrOptions options, string input, string outputPrefix, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("pdftoppm") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-r", $"{options.PdfRasterDpi}", "-png", "-f", "1", "-l", $"{options.MaxPdfPages}", input, outputPrefix })
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
