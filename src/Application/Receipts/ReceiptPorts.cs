using CleanLedger.Domain.Receipts;

namespace CleanLedger.Application.Receipts;

/// <summary>Where a document's text came from.</summary>
public enum TextSource
{
    /// <summary>A PDF's own text layer (exact; confidence 100).</summary>
    PdfTextLayer,

    /// <summary>Tesseract on an image, or on a rasterised PDF page.</summary>
    Ocr,
}

/// <summary>A document's text, pages joined by a form feed, with Tesseract's mean word confidence (0..100).</summary>
public sealed record OcrResult(string Text, double MeanConfidence, int Pages, TextSource Source);

/// <summary>Reads the text of a stored receipt image or PDF.</summary>
public interface IOcrEngine
{
    Task<OcrResult> ReadAsync(ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);
}

/// <summary>Turns a receipt's text into fields with confidences. The heuristic reader needs no network.</summary>
public interface IReceiptExtractor
{
    Task<ReceiptExtraction> ExtractAsync(OcrResult text, CancellationToken cancellationToken);
}
