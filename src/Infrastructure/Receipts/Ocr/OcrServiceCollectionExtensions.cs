using CleanLedger.Application.Receipts;
using CleanLedger.Infrastructure.Documents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Infrastructure.Receipts.Ocr;

public static class OcrServiceCollectionExtensions
{
    /// <summary>
    /// Tesseract OCR as the <see cref="IOcrEngine"/>, one engine pool per process; options from section "Ocr", sizes from the
    /// <see cref="ImageBudget"/>, its memory-heavy steps under the process's <see cref="DocumentWorkGate"/>.
    /// </summary>
    public static IServiceCollection AddReceiptOcr(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddImageBudget(configuration);
        services.AddDocumentWorkGate(configuration);
        services.AddOptions<OcrOptions>().Bind(configuration.GetSection(OcrOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IOcrEngine, TesseractOcrEngine>();
        return services;
    }
}
