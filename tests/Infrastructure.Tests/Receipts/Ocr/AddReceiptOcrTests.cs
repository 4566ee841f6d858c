using CleanLedger.Application.Receipts;
using CleanLedger.Infrastructure.Receipts.Ocr;
using CleanLedger.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanLedger.Infrastructure.Tests.Receipts.Ocr;

/// <summary>The "Ocr" configuration section and the one engine pool per container.</summary>
public sealed class AddReceiptOcrTests
{
    [Fact]
    public async Task The_ocr_engine_is_one_pool_configured_from_the_ocr_section()
    {
        await using var provider = Provider(new() { ["Ocr:Engines"] = "1", ["Ocr:PageSegmentationMode"] = "4" });

        var ocr = provider.GetRequiredService<IOcrEngine>();

        ocr.ShouldBeSameAs(provider.GetRequiredService<IOcrEngine>());
        provider.GetRequiredService<IOptions<OcrOptions>>().Value.ShouldSatisfyAllConditions(
            options => options.EngineCount.ShouldBe(1),
            options => options.PageSegmentationMode.ShouldBe(4),
            options => options.Languages.ShouldBe("swe+eng"));
        var image = await File.ReadAllBytesAsync(SharedData.SwedishReceipt("receipt_0001.jpg"));
        (await ocr.ReadAsync(image, "image/jpeg", OcrPass.Standard, CancellationToken.None)).Text.ShouldContain("Pressgrottan");
    }

    [Fact]
    public async Task A_page_segmentation_mode_tesseract_does_not_have_is_refused()
    {
        await using var provider = Provider(new() { ["Ocr:PageSegmentationMode"] = "14" });

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOcrEngine>());
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddReceiptOcr(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
}
