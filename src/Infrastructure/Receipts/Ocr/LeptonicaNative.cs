using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CleanLedger.Infrastructure.Receipts.Ocr;

/// <summary>The few Leptonica 1.82 calls (Debian 12's liblept.so.5) used to decode and clean up a receipt image.</summary>
internal static partial class LeptonicaNative
{
    private const string Library = "liblept.so.5";

    /// <summary>Leptonica's L_SEVERITY_NONE: it would otherwise write every decoder complaint to stderr.</summary>
    private const int SeverityNone = 6;

    static LeptonicaNative() => _ = setMsgSeverity(SeverityNone);

    /// <summary>Decodes JPEG, PNG, TIFF, WebP, GIF, BMP, PNM or JPEG 2000; an invalid handle for anything else.</summary>
    public static unsafe PixHandle ReadMemory(ReadOnlySpan<byte> content)
    {
        fixed (byte* bytes = content)
            return new PixHandle(pixReadMem(bytes, (nuint)content.Length));
    }

    /// <summary>
    /// The width and height the decoder itself reads from the header (for TIFF, libtiff's view of the
    /// first directory), without decoding the pixels; null when it cannot read one.
    /// </summary>
    public static unsafe (int Width, int Height)? ReadHeader(ReadOnlySpan<byte> content)
    {
        fixed (byte* bytes = content)
        {
            return pixReadHeaderMem(bytes, (nuint)content.Length, out _, out var width, out var height, out _, out _, out _) == 0
                ? (width, height)
                : null;
        }
    }

    public static PixHandle ConvertTo8(PixHandle pix) => new(pixConvertTo8(pix, 0));

    public static PixHandle Scale(PixHandle pix, float factor) => new(pixScale(pix, factor, factor));

    public static PixHandle Deskew(PixHandle pix) => new(pixFindSkewAndDeskew(pix, 0, out _, out _));

    /// <summary>The grey that <see cref="NormalizeBackground"/> gives the paper (Leptonica's default).</summary>
    public const int NormalizedPaper = 200;

    /// <summary>Normalises an uneven background (shadows, paper tint) to <see cref="NormalizedPaper"/>.</summary>
    public static PixHandle NormalizeBackground(PixHandle pix) => new(pixBackgroundNormSimple(pix, 0, 0));

    /// <summary>
    /// Paints what lies around the receipt in a normalised image — the dark table or hand, found as
    /// the dark regions that touch the image's edge — the paper's grey, so that Tesseract's global
    /// threshold separates print from paper instead of paper from table.
    /// </summary>
    public static PixHandle ClearSurroundings(PixHandle normalized)
    {
        // Darker than mid-grey: the table, and print, which never touches the edge of the photo.
        using var dark = new PixHandle(pixThresholdToBinary(normalized, 128));
        using var surroundings = dark.IsInvalid ? new PixHandle() : new PixHandle(pixExtractBorderConnComps(dark, 8));
        var cleared = new PixHandle(pixCopy(0, normalized));
        if (!surroundings.IsInvalid && !cleared.IsInvalid && pixSetMasked(cleared, surroundings, NormalizedPaper) != 0)
        {
            cleared.Dispose();
            return new PixHandle();
        }

        return cleared;
    }

    /// <summary>
    /// Background normalised to the paper's grey (200), then black below 160: text printed faint or in shadow
    /// stays black where Otsu over the whole image would split the dark surroundings from the paper.
    /// </summary>
    public static PixHandle NormalizeBackgroundAndBinarize(PixHandle pix)
    {
        using var normalized = NormalizeBackground(pix);
        return normalized.IsInvalid ? new PixHandle() : new PixHandle(pixThresholdToBinary(normalized, 160));
    }

    /// <summary>Otsu thresholds per tile, smoothed between tiles (Leptonica's recommended parameters).</summary>
    public static PixHandle OtsuAdaptiveThreshold(PixHandle pix)
    {
        var status = pixOtsuAdaptiveThreshold(pix, 300, 300, 0, 0, 0.1f, 0, out var binary);
        return new PixHandle(status == 0 ? binary : 0);
    }

    /// <summary>Sauvola's local threshold (window 2·12+1, k = 0.34), tiled to bound memory.</summary>
    public static PixHandle SauvolaBinarize(PixHandle pix)
    {
        var status = pixSauvolaBinarizeTiled(pix, 12, 0.34f, 1, 1, 0, out var binary);
        return new PixHandle(status == 0 ? binary : 0);
    }

    public static int Width(PixHandle pix) => pixGetWidth(pix);

    public static int Height(PixHandle pix) => pixGetHeight(pix);

    /// <summary>How many pixels of each row are darker than mid-grey (empty when Leptonica fails).</summary>
    public static int[] DarkPixelsPerRow(PixHandle grey)
    {
        using var dark = new PixHandle(pixThresholdToBinary(grey, 128));
        var counts = dark.IsInvalid ? 0 : pixCountPixelsByRow(dark, 0);
        if (counts == 0)
            return [];
        try
        {
            var rows = new int[numaGetCount(counts)];
            for (var row = 0; row < rows.Length; row++)
                _ = numaGetIValue(counts, row, out rows[row]);
            return rows;
        }
        finally
        {
            numaDestroy(ref counts);
        }
    }

    /// <summary>The rows from <paramref name="top"/> (inclusive) to <paramref name="bottom"/> (exclusive), as a new image.</summary>
    public static PixHandle ClipRows(PixHandle pix, int top, int bottom)
    {
        var box = boxCreate(0, top, pixGetWidth(pix), bottom - top);
        try
        {
            return new PixHandle(pixClipRectangle(pix, box, 0));
        }
        finally
        {
            boxDestroy(ref box);
        }
    }

    [LibraryImport(Library)]
    private static unsafe partial nint pixReadMem(byte* data, nuint size);

    [LibraryImport(Library)]
    private static unsafe partial int pixReadHeaderMem(byte* data, nuint size, out int format, out int width, out int height, out int bitsPerSample, out int samplesPerPixel, out int hasColormap);

    [LibraryImport(Library)]
    private static partial nint pixConvertTo8(PixHandle pix, int colormapFlag);

    [LibraryImport(Library)]
    private static partial nint pixScale(PixHandle pix, float scaleX, float scaleY);

    [LibraryImport(Library)]
    private static partial nint pixFindSkewAndDeskew(PixHandle pix, int reduction, out float angle, out float confidence);

    [LibraryImport(Library)]
    private static partial nint pixBackgroundNormSimple(PixHandle pix, nint mask, nint gray);

    [LibraryImport(Library)]
    private static partial nint pixThresholdToBinary(PixHandle pix, int threshold);

    [LibraryImport(Library)]
    private static partial nint pixExtractBorderConnComps(PixHandle pix, int connectivity);

    [LibraryImport(Library)]
    private static partial nint pixCopy(nint destination, PixHandle pix);

    [LibraryImport(Library)]
    private static partial int pixSetMasked(PixHandle pix, PixHandle mask, uint value);

    [LibraryImport(Library)]
    private static partial int pixOtsuAdaptiveThreshold(PixHandle pix, int tileWidth, int tileHeight, int smoothX, int smoothY, float scoreFraction, nint thresholds, out nint binary);

    [LibraryImport(Library)]
    private static partial int pixSauvolaBinarizeTiled(PixHandle pix, int halfWindow, float factor, int tilesX, int tilesY, nint thresholds, out nint binary);

    [LibraryImport(Library)]
    private static partial int pixGetWidth(PixHandle pix);

    [LibraryImport(Library)]
    private static partial int pixGetHeight(PixHandle pix);

    [LibraryImport(Library)]
    private static partial nint pixCountPixelsByRow(PixHandle pix, nint table);

    [LibraryImport(Library)]
    private static partial int numaGetCount(nint numa);

    [LibraryImport(Library)]
    private static partial int numaGetIValue(nint numa, int index, out int value);

    [LibraryImport(Library)]
    private static partial void numaDestroy(ref nint numa);

    [LibraryImport(Library)]
    private static partial nint boxCreate(int x, int y, int width, int height);

    [LibraryImport(Library)]
    private static partial void boxDestroy(ref nint box);

    [LibraryImport(Library)]
    private static partial nint pixClipRectangle(PixHandle pix, nint box, nint clippedBox);

    [LibraryImport(Library)]
    internal static partial void pixDestroy(ref nint pix);

    [LibraryImport(Library)]
    private static partial int setMsgSeverity(int severity);
}

/// <summary>A Leptonica PIX*, destroyed with pixDestroy (which drops one reference; clones share the data).</summary>
internal sealed class PixHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public PixHandle()
        : base(ownsHandle: true)
    {
    }

    public PixHandle(nint pix)
        : base(ownsHandle: true) => SetHandle(pix);

    protected override bool ReleaseHandle()
    {
        var pix = handle;
        LeptonicaNative.pixDestroy(ref pix);
        return true;
    }
}
