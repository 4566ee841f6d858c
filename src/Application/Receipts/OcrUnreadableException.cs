namespace CleanLedger.Application.Receipts;

/// <summary>
/// The document cannot be read as text: a format the OCR cannot decode (HEIC, or bytes that are not
/// the image they claim to be), or a PDF that can neither be parsed nor rasterised. Retrying will not help.
/// </summary>
public sealed class OcrUnreadableException(string code, string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>Stable machine-readable reason, e.g. "ocr.unsupported_format".</summary>
    public string Code { get; } = code;
}
