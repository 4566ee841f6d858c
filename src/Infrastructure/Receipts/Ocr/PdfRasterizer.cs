using CleanLedger.Application.Receipts;
using CleanLedger.Infrastructure.Documents;

namespace CleanLedger.Infrastructure.Receipts.Ocr;

/// <summary>
/// Renders a page of a PDF without a text layer to a PNG with poppler's pdftoppm, at exactly the
/// pixel size the <see cref="ImageBudget"/> gave it: poppler is told the width and height in
/// pixels, not a resolution, so no page box it reads differently can make a larger image. pdftoppm
/// runs as a <see cref="LimitedProcess"/> under the caller's slot.
/// </summary>
internal static class PdfRasterizer
{
    /// <summary>
    /// What poppler writes when an allocation fails. It then goes on and exits 0 with a 1 × 1 image,
    /// so neither the exit code nor the file says the page was not rendered.
    /// </summary>
    private const string OutOfMemoryMessage = "Out of memory";

    /// <param name="slot">The document work slot the rendering runs under.</param>
    /// <param name="pdfPath">The PDF on disk; the PNG is written beside it.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="size">The page's pixel size, unrotated (poppler rotates after scaling).</param>
    /// <param name="options">The render timeout.</param>
    /// <param name="cancellationToken">Cancels the rendering.</param>
    /// <returns>The PNG.</returns>
    /// <exception cref="OcrUnreadableException">poppler cannot render the page, runs out of its address space, or takes too long.</exception>
    public static async Task<byte[]> RenderAsync(DocumentWorkSlot slot, string pdfPath, int page, PixelSize size, OcrOptions options, CancellationToken cancellationToken)
    {
        var outputPrefix = Path.Combine(Path.GetDirectoryName(pdfPath)!, $"page-{page}");
        // The crop box is what a viewer shows and what the budget measured.
        string[] arguments = ["-png", "-cropbox", "-singlefile", "-f", $"{page}", "-l", $"{page}", "-scale-to-x", $"{size.Width}", "-scale-to-y", $"{size.Height}", pdfPath, outputPrefix];
        LimitedProcessResult<int> run;
        try
        {
            // pdftoppm writes the image to the file; its standard output stays empty.
            run = await LimitedProcess.RunAsync(slot, "pdftoppm", arguments, TimeSpan.FromSeconds(options.PdfRasterTimeoutSeconds), maxOutputBytes: 0,
                async (output, token) => { await output.CopyToAsync(Stream.Null, token); return 0; }, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new OcrUnreadableException("ocr.pdf_too_slow", $"The PDF took longer than {options.PdfRasterTimeoutSeconds} s to render.");
        }

        if (run.Errors.Contains(OutOfMemoryMessage, StringComparison.Ordinal))
            throw TooComplex(page);
        if (run.ExitCode != 0)
            throw new OcrUnreadableException("ocr.unreadable_pdf", $"The PDF could not be rendered: {run.Errors.Trim()}");

        var image = await File.ReadAllBytesAsync($"{outputPrefix}.png", cancellationToken);
        // Anything but the size asked for (either way round: a rotated page) is a page poppler gave up on.
        return LeptonicaNative.ReadHeader(image) is var (width, height) && ((width, height) == (size.Width, size.Height) || (width, height) == (size.Height, size.Width))
            ? image
            : throw TooComplex(page);
    }

    private static OcrUnreadableException TooComplex(int page) =>
        new("ocr.pdf_too_complex", $"Page {page} of the PDF needs more memory to render than a receipt does.");
}
