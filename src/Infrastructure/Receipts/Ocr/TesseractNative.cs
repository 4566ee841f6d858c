using System.Runtime.InteropServices;

namespace CleanLedger.Infrastructure.Receipts.Ocr;

/// <summary>Tesseract 5's C API (Debian 12's libtesseract.so.5).</summary>
internal static partial class TesseractNative
{
    private const string Library = "libtesseract.so.5";

    /// <summary>
    /// libgomp reads OMP_THREAD_LIMIT once, when libtesseract pulls it in. Unlimited, every engine
    /// starts its own OpenMP team and the pool's engines fight over the cores (throughput halves).
    /// Environment.SetEnvironmentVariable only changes .NET's copy, so set the native environment;
    /// an explicit static constructor runs before the first call here loads the library.
    /// </summary>
    static TesseractNative() => _ = setenv("OMP_THREAD_LIMIT", "1", 0);

    [LibraryImport(Library)]
    internal static partial TesseractHandle TessBaseAPICreate();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int TessBaseAPIInit3(TesseractHandle api, string dataPath, string languages);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool TessBaseAPISetVariable(TesseractHandle api, string name, string value);

    [LibraryImport(Library)]
    internal static partial void TessBaseAPISetPageSegMode(TesseractHandle api, int mode);

    [LibraryImport(Library)]
    internal static partial void TessBaseAPISetImage2(TesseractHandle api, PixHandle pix);

    /// <summary>Recognises the image set last, asking <paramref name="monitor"/>'s cancel function between words; 0 when done.</summary>
    [LibraryImport(Library)]
    internal static partial int TessBaseAPIRecognize(TesseractHandle api, nint monitor);

    [LibraryImport(Library)]
    internal static partial nint TessMonitorCreate();

    [LibraryImport(Library)]
    internal static partial void TessMonitorDelete(nint monitor);

    /// <summary>Tesseract calls <paramref name="cancel"/>(cancelThis, words) during recognition; true stops it.</summary>
    [LibraryImport(Library)]
    internal static unsafe partial void TessMonitorSetCancelFunc(nint monitor, delegate* unmanaged<nint, int, byte> cancel);

    [LibraryImport(Library)]
    internal static partial void TessMonitorSetCancelThis(nint monitor, nint cancelThis);

    /// <summary>The text of the last recognition (recognising first if needed); freed with <see cref="TessDeleteText"/>.</summary>
    [LibraryImport(Library)]
    internal static partial nint TessBaseAPIGetUTF8Text(TesseractHandle api);

    [LibraryImport(Library)]
    internal static partial void TessDeleteText(nint text);

    [LibraryImport(Library)]
    internal static partial int TessBaseAPIMeanTextConf(TesseractHandle api);

    /// <summary>Drops the image and results, keeping the loaded language models.</summary>
    [LibraryImport(Library)]
    internal static partial void TessBaseAPIClear(TesseractHandle api);

    [LibraryImport(Library)]
    internal static partial void TessBaseAPIEnd(nint api);

    [LibraryImport(Library)]
    internal static partial void TessBaseAPIDelete(nint api);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}

/// <summary>A TessBaseAPI*; released with End (frees the models) then Delete.</summary>
internal sealed class TesseractHandle : Microsoft.Win32.SafeHandles.SafeHandleZeroOrMinusOneIsInvalid
{
    public TesseractHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        TesseractNative.TessBaseAPIEnd(handle);
        TesseractNative.TessBaseAPIDelete(handle);
        return true;
    }
}
