using CleanLedger.Application.Receipts;
using CleanLedger.Infrastructure.Documents;
using CleanLedger.Infrastructure.Receipts.Ocr;
using CleanLedger.Testing;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CleanLedger.Infrastructure.Tests.Receipts.Ocr;

/// <summary>
/// The OCR step holds every image to the same budget as the upload check, from the decoder's own
/// reading of the header before it decodes, and renders PDF pages at sizes within it.
/// </summary>
public sealed class OcrImageBudgetTests
{
    private const int Huge = 30_000;

    public static TheoryData<string, string> ClaimingTooMuch() => new()
    {
        { "image/png", "png" },
        { "image/jpeg", "jpeg" },
        { "image/tiff", "tiff" },
        { "image/tiff", "tiff-width-twice-large-first" },
    };

    [Theory]
    [MemberData(nameof(ClaimingTooMuch))]
    public async Task An_image_whose_decoder_reads_a_size_over_the_budget_is_refused_before_it_is_decoded(string contentType, string sample)
    {
        using var ocr = Engine(new ImageBudget());
        var bytes = sample switch
        {
            "png" => HostileImages.PngClaiming(await File.ReadAllBytesAsync(SharedData.SwedishReceipts("png").First()), Huge, Huge),
            "jpeg" => HostileImages.JpegClaiming(await File.ReadAllBytesAsync(SharedData.SwedishReceipt("receipt_0001.jpg")), Huge, Huge),
            "tiff" => HostileImages.Tiff((Huge, Huge)),
            // The upload check refuses this one as contradictory; were it stored before, the decoder's first reading still counts.
            "tiff-width-twice-large-first" => HostileImages.Tiff((12_000, 12_000), (100, 100)),
            _ => throw new ArgumentOutOfRangeException(nameof(sample)),
        };

        var refusal = await Should.ThrowAsync<OcrUnreadableException>(() => ocr.ReadAsync(bytes, contentType, OcrPass.Standard, CancellationToken.None));

        refusal.Code.ShouldBe("ocr.image_too_large");
    }

    [Fact]
    public async Task An_image_within_a_smaller_budget_is_read_and_one_just_over_it_is_not()
    {
        var photo = await File.ReadAllBytesAsync(SharedData.SwedishReceipt("receipt_0001.jpg"));
        long pixels;
        using (var image = XImage.FromFile(SharedData.SwedishReceipt("receipt_0001.jpg")))
            pixels = (long)image.PixelWidth * image.PixelHeight;
        using var fits = Engine(new ImageBudget { MaxPixels = pixels });
        using var tooSmall = Engine(new ImageBudget { MaxPixels = pixels - 1 });

        (await fits.ReadAsync(photo, "image/jpeg", OcrPass.Standard, CancellationToken.None)).Text.ShouldContain("116,40");
        (await Should.ThrowAsync<OcrUnreadableException>(() => tooSmall.ReadAsync(photo, "image/jpeg", OcrPass.Standard, CancellationToken.None)))
            .Code.ShouldBe("ocr.image_too_large");
    }

    [Fact]
    public async Task An_upscale_that_would_pass_the_budget_is_not_made()
    {
        var photo = await File.ReadAllBytesAsync(SharedData.SwedishReceipt("receipt_0001.jpg"));
        long pixels;
        using (var image = XImage.FromFile(SharedData.SwedishReceipt("receipt_0001.jpg")))
            pixels = (long)image.PixelWidth * image.PixelHeight;
        using var asIs = Engine(new ImageBudget { MaxPixels = pixels }, upscaleBelowWidth: 0);
        using var upscaledWithinRoom = Engine(new ImageBudget(), upscaleBelowWidth: 20_000);
        using var upscaledWithoutRoom = Engine(new ImageBudget { MaxPixels = pixels }, upscaleBelowWidth: 20_000);

        var plain = (await asIs.ReadAsync(photo, "image/jpeg", OcrPass.Standard, CancellationToken.None)).Text;

        (await upscaledWithinRoom.ReadAsync(photo, "image/jpeg", OcrPass.Standard, CancellationToken.None)).Text.ShouldNotBe(plain);
        (await upscaledWithoutRoom.ReadAsync(photo, "image/jpeg", OcrPass.Standard, CancellationToken.None)).Text.ShouldBe(plain);
    }

    [Fact]
    public async Task A_text_less_page_too_large_at_the_raster_resolution_is_rendered_at_a_lower_one_within_the_budget()
    {
        // 2400 × 2400 pt at 300 dpi would be 100 MP; within 4 MP it renders at 60 dpi (2000 × 2000).
        using var ocr = Engine(new ImageBudget { MaxPixels = 4_000_000, MinPdfRasterDpi = 50 });
        var pdf = ImageOnlyPdf(SharedData.SwedishReceipt("receipt_0001.jpg"), sidePoints: 2400);

        var result = await ocr.ReadAsync(pdf, "application/pdf", OcrPass.Standard, CancellationToken.None);

        // Had the rasteriser made more than the budget, decoding its page would have been refused.
        result.Source.ShouldBe(TextSource.Ocr);
        result.Text.ShouldContain("116,40");
    }

    [Fact]
    public async Task A_text_less_page_that_fits_at_no_legible_resolution_is_refused()
    {
        using var ocr = Engine(new ImageBudget { MaxPixels = 4_000_000 });
        var pdf = ImageOnlyPdf(SharedData.SwedishReceipt("receipt_0001.jpg"), sidePoints: 2400);

        var refusal = await Should.ThrowAsync<OcrUnreadableException>(() => ocr.ReadAsync(pdf, "application/pdf", OcrPass.Standard, CancellationToken.None));

        refusal.Code.ShouldBe("ocr.pdf_page_too_large");
    }

    private static TesseractOcrEngine Engine(ImageBudget budget, int upscaleBelowWidth = 0) =>
        new(Options.Create(new OcrOptions { Engines = 1, UpscaleBelowWidth = upscaleBelowWidth }), Options.Create(budget), DocumentWork.Gate());

    private static byte[] ImageOnlyPdf(string jpeg, double sidePoints)
    {
        using var document = new PdfDocument();
        using var image = XImage.FromFile(jpeg);
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(sidePoints);
        page.Height = XUnit.FromPoint(sidePoints);
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            var scale = sidePoints / Math.Max(image.PointWidth, image.PointHeight);
            graphics.DrawImage(image, 0, 0, image.PointWidth * scale, image.PointHeight * scale);
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }
}
