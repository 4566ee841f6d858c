using CleanLedger.Application.Receipts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Infrastructure.Receipts.Ocr;

public static class OcrServiceCollectionExtensions
{
    /// <summary>Tesseract OCR as the <see cref="IOcrEngine"/>, one engine pool per process; options from section "Ocr".</summary>
    public static IServiceCollection AddReceiptOcr(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OcrOptions>().Bind(configuration.GetSection(OcrOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IOcrEngine, TesseractOcrEngine>();
        return services;
    }
}
