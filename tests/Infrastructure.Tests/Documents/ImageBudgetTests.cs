using CleanLedger.Infrastructure.Documents;

namespace CleanLedger.Infrastructure.Tests.Documents;

/// <summary>The pixel size a PDF page is rendered at: the raster resolution, lowered to fit the budget, never below the legible minimum.</summary>
public sealed class ImageBudgetTests
{
    private readonly ImageBudget _budget = new();

    [Fact]
    public void A_page_that_fits_is_rendered_at_the_raster_resolution()
    {
        // A4 at 300 dpi.
        _budget.RasterSize(new PdfPageSize(595, 842)).ShouldBe(new PixelSize(2479, 3508));
    }

    [Theory]
    [InlineData(2400, 2400)]
    [InlineData(227, 5669)]
    [InlineData(5669, 227)]
    [InlineData(5000, 5000)]
    public void A_page_too_large_at_the_raster_resolution_is_rendered_within_the_budget_as_large_as_it_fits(double width, double height)
    {
        var size = _budget.RasterSize(new PdfPageSize(width, height))!.Value;

        _budget.Fits(size.Width, size.Height).ShouldBeTrue();
        // Within a pixel or two of the budget on the side or the count that limits it.
        var fillsPixels = (long)(size.Width + 2) * (size.Height + 2) > _budget.MaxPixels;
        var fillsSide = Math.Max(size.Width, size.Height) >= _budget.MaxSidePixels - 1;
        (fillsPixels || fillsSide).ShouldBeTrue();
    }

    [Theory]
    [InlineData(14_400, 14_400)]
    [InlineData(200 * 75_000, 200 * 75_000)]
    [InlineData(100, 1_000_000)]
    [InlineData(0, 842)]
    public void A_page_that_fits_at_no_legible_resolution_has_no_size(double width, double height)
    {
        _budget.RasterSize(new PdfPageSize(width, height)).ShouldBeNull();
    }

    [Fact]
    public void The_lowest_resolution_is_the_limit_of_what_is_rendered()
    {
        // The largest square that fits at 100 dpi: 50 MP is 7071 px a side, about 5091 pt.
        var edge = 72.0 * Math.Sqrt(_budget.MaxPixels) / _budget.MinPdfRasterDpi;

        _budget.RasterSize(new PdfPageSize(edge - 1, edge - 1)).ShouldNotBeNull();
        _budget.RasterSize(new PdfPageSize(edge + 1, edge + 1)).ShouldBeNull();
    }

    [Theory]
    [InlineData(7071, 7071, true)]
    [InlineData(7072, 7072, false)]
    [InlineData(20_000, 2_500, true)]
    [InlineData(20_001, 10, false)]
    [InlineData(0, 10, false)]
    public void Fits_holds_both_the_pixel_count_and_the_side(long width, long height, bool fits) =>
        _budget.Fits(width, height).ShouldBe(fits);
}
