using System.Runtime.InteropServices;

namespace CleanLedger.Infrastructure.Receipts.Ocr;

/// <summary>One initialised TessBaseAPI with the language models loaded. Not thread-safe: one recognition at a time.</summary>
internal sealed class TesseractEngine : IDisposable
{
    private readonly TesseractHandle _api;

    public TesseractEngine(OcrOptions options)
    {
        _api = TesseractNative.TessBaseAPICreate();
        if (TesseractNative.TessBaseAPIInit3(_api, options.DataPath, options.Languages) != 0)
        {
            _api.Dispose();
            throw new InvalidOperationException($"Tesseract could not load \"{options.Languages}\" from {options.DataPath} (packages tesseract-ocr-swe, tesseract-ocr-eng).");
        }

        // Set after Init: Init replaces the settings object when it loads the models.
        TesseractNative.TessBaseAPISetVariable(_api, "debug_file", "/dev/null");
        TesseractNative.TessBaseAPISetPageSegMode(_api, options.PageSegmentationMode);
        foreach (var (name, value) in options.Variables)
            TesseractNative.TessBaseAPISetVariable(_api, name, value);
    }

    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> stopped the recognition.</exception>
    public RecognizedPage Recognize(PixHandle pix, int pageSegmentationMode, CancellationToken cancellationToken)
    {
        var token = GCHandle.Alloc(cancellationToken);
        var monitor = TesseractNative.TessMonitorCreate();
        try
        {
            TesseractNative.TessBaseAPISetPageSegMode(_api, pageSegmentationMode);
            TesseractNative.TessBaseAPISetImage2(_api, pix);
            unsafe
            {
                TesseractNative.TessMonitorSetCancelFunc(monitor, &IsCancelled);
            }

            TesseractNative.TessMonitorSetCancelThis(monitor, GCHandle.ToIntPtr(token));
            if (TesseractNative.TessBaseAPIRecognize(_api, monitor) != 0)
            {
                // Stopped by the cancel function, or nothing could be recognised.
                cancellationToken.ThrowIfCancellationRequested();
                return new RecognizedPage(string.Empty, 0);
            }

            var text = TesseractNative.TessBaseAPIGetUTF8Text(_api);
            if (text == 0)
                return new RecognizedPage(string.Empty, 0);
            try
            {
                return new RecognizedPage(Marshal.PtrToStringUTF8(text) ?? string.Empty, TesseractNative.TessBaseAPIMeanTextConf(_api));
            }
            finally
            {
                TesseractNative.TessDeleteText(text);
            }
        }
        finally
        {
            TesseractNative.TessBaseAPIClear(_api);
            TesseractNative.TessMonitorDelete(monitor);
            token.Free();
        }
    }

    // Tesseract asks between words whether to stop; cancelThis is the GCHandle of the caller's token.
    [UnmanagedCallersOnly]
    private static byte IsCancelled(nint cancelThis, int words) =>
        ((CancellationToken)GCHandle.FromIntPtr(cancelThis).Target!).IsCancellationRequested ? (byte)1 : (byte)0;

    public void Dispose() => _api.Dispose();
}

/// <summary>One page's text and Tesseract's mean word confidence (0..100).</summary>
internal readonly record struct RecognizedPage(string Text, double Confidence)
{
    /// <summary>The bands of one page in order, their confidences weighted by how much text each read.</summary>
    public static RecognizedPage Joined(IReadOnlyList<RecognizedPage> bands)
    {
        var weights = bands.Select(band => band.Text.Count(c => !char.IsWhiteSpace(c))).ToList();
        var read = weights.Sum();
        return new RecognizedPage(
            string.Concat(bands.Select(band => band.Text)),
            read == 0 ? 0 : bands.Select((band, i) => band.Confidence * weights[i]).Sum() / read);
    }
}
