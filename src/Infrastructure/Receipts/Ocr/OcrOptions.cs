using System.ComponentModel.DataAnnotations;
using CleanLedger.Application.Receipts;

namespace CleanLedger.Infrastructure.Receipts.Ocr;

/// <summary>
/// Section "Ocr": Tesseract's models, the engine pool, and the image clean-up and segmentation of
/// the standard pass (the inherited settings; the second pass has its own, <see cref="Alternative"/>).
/// </summary>
public sealed class OcrOptions : OcrPassOptions
{
    public const string Section = "Ocr";

    /// <summary>Where Debian's tesseract-ocr-swe/-eng put the models.</summary>
    [Required]
    public string DataPath { get; set; } = "/usr/share/tesseract-ocr/5/tessdata";

    [Required]
    public string Languages { get; set; } = "swe+eng";

    /// <summary>Warm engines, each used by one recognition at a time; 0 means one per processor.</summary>
    [Range(0, 256)]
    public int Engines { get; set; }

    /// <summary>
    /// Tesseract parameters set on every engine after the models load (name → value), e.g. user_defined_dpi.
    /// By default Tesseract 5 reads every doubtful line a second time inverted (white on black), which
    /// receipts never print; skipping it (tessedit_do_invert 0) saves recognition time (docs/benchmarks.md).
    /// Some parameters (the textord_* ones) are process-wide in Tesseract, not per engine.
    /// </summary>
    public IDictionary<string, string> Variables { get; } = new Dictionary<string, string>(StringComparer.Ordinal) { ["tessedit_do_invert"] = "0" };

    /// <summary>A PDF whose text layer has at least this many letters is read from that layer, not rasterised.</summary>
    [Range(0, int.MaxValue)]
    public int MinPdfTextLetters { get; set; } = 20;

    /// <summary>
    /// Pages of a text-less PDF that are rasterised and recognised; receipts have one or two. The
    /// resolution and the size of each page are the ImageBudget's (section "ImageBudget").
    /// </summary>
    [Range(1, 100)]
    public int MaxPdfPages { get; set; } = 5;

    [Range(1, 600)]
    public int PdfRasterTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// The second pass, run only where the first left the amounts or the date in doubt: grey,
    /// deskewed, background normalised and the surroundings cleared, segmented as one column of
    /// lines of varying size (psm 4). Of the variants measured it added the most legible totals,
    /// dates and organisation numbers to the standard pass on the dev photos; psm 4 adds as many
    /// as psm 6 in two thirds of the time (docs/benchmarks.md, "Receipt extraction accuracy").
    /// </summary>
    public OcrPassOptions Alternative { get; set; } = new() { Threshold = ImageThreshold.NormalizeBackground, ClearSurroundings = true, PageSegmentationMode = 4 };

    /// <summary>
    /// The second pass as the only reading (<see cref="OcrPass.AlternativeAlone"/>: a dark photo the
    /// standard pass read next to nothing of): prepared like <see cref="Alternative"/>, but segmented
    /// as one block (psm 6), which alone reads far more than psm 4, and read in two bands on the
    /// engines as they come free (docs/benchmarks.md).
    /// </summary>
    public OcrPassOptions AlternativeAlone { get; set; } = new() { Threshold = ImageThreshold.NormalizeBackground, ClearSurroundings = true, Bands = 2 };

    public int EngineCount => Engines > 0 ? Engines : Environment.ProcessorCount;

    /// <summary>The clean-up and segmentation of one pass; the standard pass is this section's own settings.</summary>
    public OcrPassOptions Pass(OcrPass pass) => pass switch
    {
        OcrPass.Alternative => Alternative,
        OcrPass.AlternativeAlone => AlternativeAlone,
        _ => this,
    };
}

/// <summary>How one OCR pass prepares the image and segments the page; the defaults are the standard pass's.</summary>
public class OcrPassOptions
{
    /// <summary>
    /// Tesseract's page segmentation mode. 6 (one uniform block of text) keeps the right-hand amount
    /// column of a receipt; the default (3, automatic) often drops it as a separate column.
    /// </summary>
    [Range(0, 13)]
    public int PageSegmentationMode { get; set; } = 6;

    /// <summary>
    /// Images narrower than this are scaled ×2 first (0: never). Off by default: on the dev photos
    /// (321–1306 px wide) scaling below 1000 or 600 px read no more totals and fewer dates, with
    /// four times the pixels to recognise.
    /// </summary>
    [Range(0, 20_000)]
    public int UpscaleBelowWidth { get; set; }

    public bool Deskew { get; set; } = true;

    /// <summary>
    /// Background normalisation read the most totals and dates on the dev photos; binarising in
    /// Leptonica (adaptive Otsu, Sauvola) read fewer than Tesseract's own Otsu (docs/benchmarks.md).
    /// </summary>
    public ImageThreshold Threshold { get; set; } = ImageThreshold.NormalizeBackground;

    /// <summary>
    /// With <see cref="ImageThreshold.NormalizeBackground"/> (ignored with the others), paint the
    /// dark surroundings of the receipt (table, hand) the paper's grey after the normalisation, so
    /// that Tesseract's global threshold splits print from paper rather than table from paper and
    /// keeps faint print. Off in the standard pass, on in the alternative one: alone
    /// it read as many totals and dates as the plain normalisation, but as the second pass it
    /// complements the first best (docs/benchmarks.md).
    /// </summary>
    public bool ClearSurroundings { get; set; }

    /// <summary>
    /// Read the prepared image as this many horizontal bands, cut at blank rows, each on an engine
    /// as one comes free. One engine reads a receipt line by line, so a long receipt takes as long
    /// as its lines; in bands, an engine left idle reads part of them. Each band gets its own
    /// threshold and line finding, which reads a little differently from the whole image.
    /// </summary>
    [Range(1, 8)]
    public int Bands { get; set; } = 1;
}

/// <summary>How the grey image becomes black and white before recognition.</summary>
public enum ImageThreshold
{
    /// <summary>Left to Tesseract (global Otsu on the grey image).</summary>
    Tesseract,

    /// <summary>Leptonica's background normalisation, then Tesseract's Otsu.</summary>
    NormalizeBackground,

    /// <summary>Leptonica's background normalisation, then a fixed threshold (160 of 255).</summary>
    NormalizeBackgroundAndBinarize,

    /// <summary>Leptonica's tiled adaptive Otsu.</summary>
    AdaptiveOtsu,

    /// <summary>Leptonica's Sauvola local threshold.</summary>
    Sauvola,
}
