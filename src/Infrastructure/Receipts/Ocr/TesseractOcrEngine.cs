using CleanLedger.Application.Documents;
using CleanLedger.Application.Receipts;
using CleanLedger.Infrastructure.Documents;
using Microsoft.Extensions.Options;

namespace CleanLedger.Infrastructure.Receipts.Ocr;

/// <summary>
/// Reads receipts with Tesseract in-process: a pool of warm engines (loading swe+eng takes longer
/// than reading a receipt), each used by one recognition at a time on a thread of its own, so a
/// caller never blocks on OCR. PDFs with a text layer are read from it; others are rasterised.
/// The memory-heavy steps take a slot of the process's <see cref="DocumentWorkGate"/> each: the PDF
/// check with its text layer, each page's rendering, each image from decoding to the end of its
/// recognition. When none comes free within a job's wait the read fails with
/// <see cref="DocumentWorkBusyException"/> and the job runs again later.
/// </summary>
public sealed class TesseractOcrEngine : IOcrEngine, IDisposable
{
    private readonly OcrOptions _options;
    private readonly ImageBudget _budget;
    private readonly DocumentWorkGate _work;
    private readonly SemaphoreSlim _free;
    private readonly Stack<TesseractEngine> _idle = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    public TesseractOcrEngine(IOptions<OcrOptions> options, IOptions<ImageBudget> budget, DocumentWorkGate work)
    {
        _options = options.Value;
        _budget = budget.Value;
        _work = work;
        _free = new SemaphoreSlim(_options.EngineCount, _options.EngineCount);
    }

    public int IdleEngines => _free.CurrentCount;

    /// <exception cref="OcrUnreadableException">The format cannot be decoded, the image or a PDF page is larger than the budget, or the PDF cannot be rendered.</exception>
    /// <exception cref="DocumentWorkBusyException">No document work slot came free within a job's wait; nothing was read.</exception>
    public async Task<OcrResult> ReadAsync(ReadOnlyMemory<byte> content, string contentType, OcrPass pass, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        switch (contentType)
        {
            case "application/pdf":
                return await ReadPdfAsync(content, pass, cancellationToken);
            case "image/heic" or "image/heif":
                // Debian's Leptonica has no HEIF decoder (it reads JPEG, PNG, TIFF, WebP, GIF, BMP, JPEG 2000).
                throw new OcrUnreadableException("ocr.unsupported_format", $"{contentType} images cannot be read; export the photo as JPEG.");
            default:
                var page = await RecognizeAsync(content, contentType, pass, cancellationToken);
                return new OcrResult(page.Text, page.Confidence, 1, TextSource.Ocr);
        }
    }

    /// <summary>
    /// Checks the PDF as the upload did (the same budget: the streams' inflated size, every page's
    /// size), so that the text layer is decoded in process only when it is bounded, then reads the
    /// text layer or renders the first pages at the sizes the budget gives them.
    /// </summary>
    private async Task<OcrResult> ReadPdfAsync(ReadOnlyMemory<byte> pdf, OcrPass pass, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("cleanledger-ocr-").FullName;
        try
        {
            var path = Path.Combine(folder, "document.pdf");
            await File.WriteAllBytesAsync(path, pdf, cancellationToken);
            IReadOnlyList<PdfPageSize> pages;
            using (var slot = await _work.EnterAsync(DocumentWorkCaller.Job, cancellationToken))
            {
                pages = await CheckedPagesAsync(slot, path, cancellationToken);
                if (PdfTextLayer.TryRead(slot, pdf) is { } layer && PdfTextLayer.Letters(layer) >= _options.MinPdfTextLetters)
                    return new OcrResult(string.Join('\f', layer), 100, layer.Count, TextSource.PdfTextLayer);
            }

            // The check refused any page that fits at no resolution, so every page has a size.
            var sizes = pages.Take(_options.MaxPdfPages).Select(page => _budget.RasterSize(page)!.Value).ToList();
            if (sizes.Count == 0)
                throw new OcrUnreadableException("ocr.unreadable_pdf", "The PDF has no pages to read.");
            var images = new List<byte[]>(sizes.Count);
            for (var page = 1; page <= sizes.Count; page++)
            {
                // A slot per page: its bitmap is gone when pdftoppm exits, and a long document does not hold one throughout.
                using var slot = await _work.EnterAsync(DocumentWorkCaller.Job, cancellationToken);
                images.Add(await PdfRasterizer.RenderAsync(slot, path, page, sizes[page - 1], _options, cancellationToken));
            }

            var read = await Task.WhenAll(images.Select(image => RecognizeAsync(image, "image/png", pass, cancellationToken)));
            return new OcrResult(string.Join('\f', read.Select(page => page.Text)), read.Average(page => page.Confidence), read.Length, TextSource.Ocr);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<IReadOnlyList<PdfPageSize>> CheckedPagesAsync(DocumentWorkSlot slot, string path, CancellationToken cancellationToken)
    {
        try
        {
            // The page cap is the upload's (only the first pages are read here); the budget is the same.
            return await QpdfChecker.CheckAsync(slot, path, maxPages: int.MaxValue, _budget, cancellationToken);
        }
        catch (UploadRejectedException refused)
        {
            var code = refused.Code == "pdf.corrupt" ? "ocr.unreadable_pdf" : $"ocr.{refused.Code.Replace('.', '_')}";
            throw new OcrUnreadableException(code, refused.Message, refused);
        }
    }

    /// <summary>
    /// Decodes and prepares the image, then recognises it on dedicated threads: whole, in one turn of
    /// an engine (so a pass under way never waits behind another's bands), or in bands read on
    /// engines as they come free (<see cref="OcrPassOptions.Bands"/>). The decoded pixels live until
    /// the last band is read, so one document work slot is held throughout; it is taken before an
    /// engine is waited for, and no engine is held while a slot is waited for.
    /// </summary>
    private async Task<RecognizedPage> RecognizeAsync(ReadOnlyMemory<byte> image, string contentType, OcrPass pass, CancellationToken cancellationToken)
    {
        var options = _options.Pass(pass);
        using var slot = await _work.EnterAsync(DocumentWorkCaller.Job, cancellationToken);
        if (options.Bands <= 1)
        {
            return await OnEngineThreadAsync(
                () =>
                {
                    using var pix = Prepared();
                    return RecognizeOnIdleEngine(pix, options.PageSegmentationMode, cancellationToken);
                },
                cancellationToken);
        }

        var bands = await OnEngineThreadAsync(() => ReceiptImage.Bands(Prepared(), options.Bands), cancellationToken);
        return RecognizedPage.Joined(await Task.WhenAll(bands.Select(band => RecognizeBandAsync(band, options.PageSegmentationMode, cancellationToken))));

        PixHandle Prepared() => ReceiptImage.Prepare(ReceiptImage.Decode(slot, image.Span, contentType, _budget), options, _budget);
    }

    private async Task<RecognizedPage> RecognizeBandAsync(PixHandle band, int pageSegmentationMode, CancellationToken cancellationToken)
    {
        using (band)
            return await OnEngineThreadAsync(() => RecognizeOnIdleEngine(band, pageSegmentationMode, cancellationToken), cancellationToken);
    }

    /// <summary>Waits for a free engine's turn, then works on a dedicated thread (a recognition takes about a second of CPU: off the thread pool).</summary>
    private async Task<T> OnEngineThreadAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _free.WaitAsync(cancellationToken);
        try
        {
            return await Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        finally
        {
            _free.Release();
        }
    }

    private RecognizedPage RecognizeOnIdleEngine(PixHandle pix, int pageSegmentationMode, CancellationToken cancellationToken)
    {
        var engine = TakeIdle() ?? new TesseractEngine(_options);
        try
        {
            return engine.Recognize(pix, pageSegmentationMode, cancellationToken);
        }
        finally
        {
            Return(engine);
        }
    }

    private TesseractEngine? TakeIdle()
    {
        lock (_gate)
            return _idle.TryPop(out var engine) ? engine : null;
    }

    private void Return(TesseractEngine engine)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _idle.Push(engine);
                return;
            }
        }

        engine.Dispose();
    }

    /// <summary>Frees the idle engines now, and each busy one as its recognition ends.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            while (_idle.TryPop(out var engine))
                engine.Dispose();
        }
    }
}
