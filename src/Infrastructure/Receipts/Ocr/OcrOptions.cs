namespace CleanLedger.Infrastructure.Receipts.Ocr;

/// <summary>Section "Ocr": Tesseract's models, the engine pool and the image clean-up before recognition.</summary>
public sealed class OcrOptions
{
    public const string Section = "Ocr";

    /// <summary>Where Debian's tesseract-ocr-swe/-eng put the models.</summary>
    public string DataPath { get; set; } = "/usr/share/tesseract-ocr/5/tessdata";

    public string Languages { get; set; } = "swe+eng";

    /// <summary>Warm engines, each used by one recognition at a time; 0 means one per processor.</summary>
    public int Engines { get; set; }

    /// <summary>
    /// Tesseract's page segmentation mode. 6 (one uniform block of text) keeps the right-hand amount
    /// column of a receipt; the default (3, automatic) often drops it as a separate column.
    /// </summary>
    public int PageSegmentationMode { get; set; } = 6;

    /// <summary>Images narrower than this are scaled ×2 first: Tesseract wants x-heights of 20+ pixels.</summary>
    public int UpscaleBelowWidth { get; set; } = 1000;

    public bool Deskew { get; set; } = true;

    public ImageThreshold Threshold { get; set; } = ImageThreshold.Tesseract;

    /// <summary>A PDF whose text layer has at least this many letters is read from that layer, not rasterised.</summary>
    public int MinPdfTextLetters { get; set; } = 20;

    /// <summary>Pages of a text-less PDF that are rasterised and recognised; receipts have one or two.</summary>
    public int MaxPdfPages { get; set; } = 5;

    public int PdfRasterDpi { get; set; } = 300;

    public int PdfRasterTimeoutSeconds { get; set; } = 60;

    public int EngineCount => Engines > 0 ? Engines : Environment.ProcessorCount;
}

/// <summary>How the grey image becomes black and white before recognition.</summary>
public enum ImageThreshold
{
    /// <summary>Left to Tesseract (global Otsu on the grey image).</summary>
    Tesseract,

    /// <summary>Leptonica's background normalisation, then Tesseract's Otsu.</summary>
    NormalizeBackground,

    /// <summary>Leptonica's tiled adaptive Otsu.</summary>
    AdaptiveOtsu,

    /// <summary>Leptonica's Sauvola local threshold.</summary>
    Sauvola,
}
