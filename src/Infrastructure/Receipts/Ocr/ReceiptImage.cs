using CleanLedger.Application.Receipts;

namespace CleanLedger.Infrastructure.Receipts.Ocr;

/// <summary>Decodes a receipt image with Leptonica and prepares it for Tesseract.</summary>
internal static class ReceiptImage
{
    /// <exception cref="OcrUnreadableException">Leptonica cannot decode the bytes.</exception>
    public static PixHandle Decode(ReadOnlySpan<byte> content, string contentType)
    {
        var pix = LeptonicaNative.ReadMemory(content);
        return pix.IsInvalid
            ? throw new OcrUnreadableException("ocr.undecodable_image", $"The {contentType} image could not be decoded.")
            : pix;
    }

    /// <summary>
    /// Grey (8 bpp, no colour map), then as configured: ×2 when narrow, deskewed, background normalised
    /// (and the surroundings cleared) or binarised.
    /// Takes ownership of <paramref name="pix"/>; each step replaces the image and frees the previous one.
    /// </summary>
    public static PixHandle Prepare(PixHandle pix, OcrPassOptions options)
    {
        pix = Replace(pix, LeptonicaNative.ConvertTo8);
        if (LeptonicaNative.Width(pix) < options.UpscaleBelowWidth)
            pix = Replace(pix, small => LeptonicaNative.Scale(small, 2f));
        if (options.Deskew)
            pix = Replace(pix, LeptonicaNative.Deskew);
        return options.Threshold switch
        {
            ImageThreshold.NormalizeBackground when options.ClearSurroundings =>
                Replace(Replace(pix, LeptonicaNative.NormalizeBackground), LeptonicaNative.ClearSurroundings),
            ImageThreshold.NormalizeBackground => Replace(pix, LeptonicaNative.NormalizeBackground),
            ImageThreshold.NormalizeBackgroundAndBinarize => Replace(pix, LeptonicaNative.NormalizeBackgroundAndBinarize),
            ImageThreshold.AdaptiveOtsu => Replace(pix, LeptonicaNative.OtsuAdaptiveThreshold),
            ImageThreshold.Sauvola => Replace(pix, LeptonicaNative.SauvolaBinarize),
            _ => pix,
        };
    }

    /// <summary>A failed step (Leptonica returns null) keeps the image as it was.</summary>
    private static PixHandle Replace(PixHandle pix, Func<PixHandle, PixHandle> step)
    {
        var next = step(pix);
        if (next.IsInvalid)
        {
            next.Dispose();
            return pix;
        }

        pix.Dispose();
        return next;
    }
}
