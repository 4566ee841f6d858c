using CleanLedger.Application.Receipts;
using CleanLedger.Infrastructure.Documents;

namespace CleanLedger.Infrastructure.Receipts.Ocr;

/// <summary>Decodes a receipt image with Leptonica and prepares it for Tesseract.</summary>
internal static class ReceiptImage
{
    /// <summary>
    /// Decodes the image if the decoder's own reading of its header fits the budget, and keeps it only
    /// if the decoded image is that size: the upload check read the header with our code, this is the
    /// decoder's view, which is what allocates. The pixels stay in memory until the image is
    /// recognised, all of it under one document work slot.
    /// </summary>
    /// <exception cref="OcrUnreadableException">Leptonica cannot decode the bytes, or they are larger than the budget.</exception>
    public static PixHandle Decode(DocumentWorkSlot slot, ReadOnlySpan<byte> content, string contentType, ImageBudget budget)
    {
        slot.EnsureHeld();
        if (LeptonicaNative.ReadHeader(content) is not var (width, height))
            throw Undecodable(contentType);
        if (!budget.Fits(width, height))
        {
            throw new OcrUnreadableException("ocr.image_too_large",
                $"The {contentType} image is {width} × {height} pixels; the limit is {budget.MaxPixels} pixels and {budget.MaxSidePixels} per side.");
        }

        var pix = LeptonicaNative.ReadMemory(content);
        if (!pix.IsInvalid && LeptonicaNative.Width(pix) == width && LeptonicaNative.Height(pix) == height)
            return pix;
        pix.Dispose();
        throw Undecodable(contentType);
    }

    private static OcrUnreadableException Undecodable(string contentType) =>
        new("ocr.undecodable_image", $"The {contentType} image could not be decoded.");

    /// <summary>
    /// Grey (8 bpp, no colour map), then as configured: ×2 when narrow (and the doubled image still
    /// within the budget), deskewed, background normalised (and the surroundings cleared) or binarised.
    /// Takes ownership of <paramref name="pix"/>; each step replaces the image and frees the previous one.
    /// </summary>
    public static PixHandle Prepare(PixHandle pix, OcrPassOptions options, ImageBudget budget)
    {
        pix = Replace(pix, LeptonicaNative.ConvertTo8);
        var (width, height) = (LeptonicaNative.Width(pix), LeptonicaNative.Height(pix));
        if (width < options.UpscaleBelowWidth && budget.Fits(2L * width, 2L * height))
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

    /// <summary>
    /// The prepared image cut into <paramref name="count"/> horizontal bands, each cut in the middle of
    /// the longest run of the blankest rows within a quarter band of an even cut, so that no printed
    /// line is cut in two. Takes ownership of <paramref name="pix"/>; it is returned whole when it is
    /// too short to cut, or not grey (a binarised image).
    /// </summary>
    public static List<PixHandle> Bands(PixHandle pix, int count)
    {
        const int MinimumBandHeight = 200;
        var height = LeptonicaNative.Height(pix);
        if (count <= 1 || height < count * MinimumBandHeight)
            return [pix];
        var dark = LeptonicaNative.DarkPixelsPerRow(pix);
        if (dark.Length != height)
            return [pix];

        var reach = height / (4 * count);
        var cuts = Enumerable.Range(1, count - 1).Select(band => BlankestRow(dark, (height * band / count) - reach, (height * band / count) + reach));
        int[] edges = [0, .. cuts, height];
        var bands = new List<PixHandle>(count);
        for (var band = 0; band < count; band++)
        {
            var clipped = LeptonicaNative.ClipRows(pix, edges[band], edges[band + 1]);
            if (clipped.IsInvalid)
            {
                clipped.Dispose();
                bands.ForEach(done => done.Dispose());
                return [pix];
            }

            bands.Add(clipped);
        }

        pix.Dispose();
        return bands;
    }

    private static int BlankestRow(int[] dark, int from, int to)
    {
        var fewest = dark[from..to].Min();
        var (bestStart, bestLength, runStart) = (from, 0, -1);
        for (var row = from; row <= to; row++)
        {
            if (row < to && dark[row] == fewest)
            {
                runStart = runStart < 0 ? row : runStart;
                continue;
            }

            if (runStart >= 0 && row - runStart > bestLength)
                (bestStart, bestLength) = (runStart, row - runStart);
            runStart = -1;
        }

        return bestStart + (bestLength / 2);
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
