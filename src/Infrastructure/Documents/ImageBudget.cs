using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Infrastructure.Documents;

/// <summary>
/// Section "ImageBudget": how large anything that becomes an image may be, and how far a PDF may
/// expand — one budget for the upload check and the OCR step, so that what is accepted can be read
/// and what cannot be read is refused at the door (docs/adr/0015).
/// </summary>
public sealed class ImageBudget
{
    public const string Section = "ImageBudget";

    private const double PointsPerInch = 72;

    /// <summary>Pixels of one decoded image or rendered PDF page (50 MP: a phone photo is 12–48 MP).</summary>
    [Range(1, 500_000_000)]
    public long MaxPixels { get; set; } = 50_000_000;

    [Range(1, 100_000)]
    public int MaxSidePixels { get; set; } = 20_000;

    /// <summary>The resolution a PDF page without a text layer is rendered at for OCR.</summary>
    [Range(72, 600)]
    public int PdfRasterDpi { get; set; } = 300;

    /// <summary>
    /// A page too large for the budget at <see cref="PdfRasterDpi"/> is rendered at the highest
    /// resolution that fits, but not below this one, where receipt print stops being legible; a
    /// page that does not fit even here is refused.
    /// </summary>
    [Range(36, 600)]
    public int MinPdfRasterDpi { get; set; } = 100;

    /// <summary>
    /// All of a PDF's streams decoded (Flate, LZW, ASCII85, run-length; JPEG stays as it is) may come
    /// to at most this. Receipts come to about 1 MB; two A4 pages scanned losslessly in colour at
    /// 300 dpi to about 52 MB. The text layer is decoded in process only within it, which keeps the
    /// text reader's memory to a few hundred MB at worst.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxPdfInflatedBytes { get; set; } = 64L * 1024 * 1024;

    public bool Fits(long width, long height) =>
        width > 0 && height > 0 && width <= MaxSidePixels && height <= MaxSidePixels && width * height <= MaxPixels;

    /// <summary>
    /// The pixel size <paramref name="page"/> is rendered at: <see cref="PdfRasterDpi"/>, or the
    /// lower resolution (never below <see cref="MinPdfRasterDpi"/>) at which it fits; null when it
    /// fits at none. Rotation swaps the sides, so it changes neither the count nor the fit.
    /// </summary>
    public PixelSize? RasterSize(PdfPageSize page)
    {
        if (page.WidthPoints <= 0 || page.HeightPoints <= 0)
            return null;
        var widthInches = page.WidthPoints / PointsPerInch;
        var heightInches = page.HeightPoints / PointsPerInch;
        var fittingDpi = Math.Min(
            Math.Min(MaxSidePixels / widthInches, MaxSidePixels / heightInches),
            Math.Sqrt(MaxPixels / (widthInches * heightInches)));
        var dpi = Math.Min(PdfRasterDpi, fittingDpi);
        if (dpi < MinPdfRasterDpi)
            return null;
        // Rounding down keeps the rendered page inside the budget; a sliver of a page still gets a pixel.
        var size = new PixelSize((int)Math.Max(1, Math.Floor(widthInches * dpi)), (int)Math.Max(1, Math.Floor(heightInches * dpi)));
        return Fits(size.Width, size.Height) ? size : null;
    }
}

public readonly record struct PixelSize(int Width, int Height);

/// <summary>A PDF page's visible area (its crop box within its media box) in points of 1/72 inch, /UserUnit applied.</summary>
public readonly record struct PdfPageSize(double WidthPoints, double HeightPoints);

public static class ImageBudgetServiceCollectionExtensions
{
    /// <summary>
    /// The <see cref="ImageBudget"/> from its section, validated at start-up. Both the upload check and
    /// the OCR step call it; binding the same section twice gives the same values.
    /// </summary>
    public static IServiceCollection AddImageBudget(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImageBudget>().Bind(configuration.GetSection(ImageBudget.Section)).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
