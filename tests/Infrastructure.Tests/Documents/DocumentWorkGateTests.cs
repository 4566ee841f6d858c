using System.Security.Cryptography;
using CleanLedger.Application.Documents;
using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Receipts;
using CleanLedger.Application.Reports.Pdfs;
using CleanLedger.Domain.Organizations;
using CleanLedger.Infrastructure.Documents;
using CleanLedger.Infrastructure.Exports.Pdf;
using CleanLedger.Infrastructure.Receipts.Ocr;
using CleanLedger.Testing;
using Microsoft.Extensions.Options;

namespace CleanLedger.Infrastructure.Tests.Documents;

/// <summary>
/// The process-wide gate on memory-heavy document work: never more operations at once than slots,
/// a refusal instead of an unbounded wait, every slot back on every path, and every document path
/// (upload check, OCR of images and PDFs, a verification PDF with its receipt) behind it.
/// </summary>
public sealed class DocumentWorkGateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cleanledger-gate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(1, 12)]
    [InlineData(3, 40)]
    public async Task Many_concurrent_operations_never_have_more_in_flight_than_the_slots(int slots, int operations)
    {
        using var gate = DocumentWork.Gate(new DocumentWorkOptions { Slots = slots, JobWaitSeconds = 3600 });
        var (inFlight, mostInFlight, completed) = (0, 0, 0);
        var allSlotsTaken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var proceed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sync = new Lock();

        var work = Enumerable.Range(0, operations).Select(_ => Task.Run(async () =>
        {
            using var slot = await gate.EnterAsync(DocumentWorkCaller.Job, CancellationToken.None);
            lock (sync)
            {
                mostInFlight = Math.Max(mostInFlight, ++inFlight);
                if (inFlight == slots)
                    allSlotsTaken.TrySetResult();
            }

            await proceed.Task;
            await Task.Yield();
            lock (sync)
            {
                inFlight--;
                completed++;
            }
        })).ToList();

        // Every slot is taken and the other operations wait; then they all run through.
        await allSlotsTaken.Task;
        gate.FreeSlots.ShouldBe(0);
        lock (sync)
            inFlight.ShouldBe(slots);
        proceed.SetResult();
        await Task.WhenAll(work);

        completed.ShouldBe(operations);
        mostInFlight.ShouldBe(slots);
        gate.FreeSlots.ShouldBe(slots);
    }

    [Fact]
    public async Task A_caller_that_gets_no_slot_within_its_wait_is_refused_and_holds_none()
    {
        using var gate = DocumentWork.Gate(new DocumentWorkOptions { Slots = 1, RequestWaitSeconds = 0 });
        var held = await gate.EnterAsync(DocumentWorkCaller.Request, CancellationToken.None);

        var refusal = await Should.ThrowAsync<DocumentWorkBusyException>(() => gate.EnterAsync(DocumentWorkCaller.Request, CancellationToken.None));

        refusal.RetryAfter.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        gate.FreeSlots.ShouldBe(0);
        held.Dispose();
        held.Dispose();
        gate.FreeSlots.ShouldBe(1);
        using (await gate.EnterAsync(DocumentWorkCaller.Request, CancellationToken.None))
            gate.FreeSlots.ShouldBe(0);
        gate.FreeSlots.ShouldBe(1);
    }

    [Fact]
    public async Task Cancelling_a_waiter_or_a_holder_gives_every_slot_back()
    {
        using var gate = DocumentWork.Gate(new DocumentWorkOptions { Slots = 1, JobWaitSeconds = 3600 });
        using var holderCancelled = new CancellationTokenSource();
        using var waiterCancelled = new CancellationTokenSource();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = Task.Run(async () =>
        {
            using var slot = await gate.EnterAsync(DocumentWorkCaller.Job, holderCancelled.Token);
            entered.SetResult();
            await Task.Delay(Timeout.Infinite, holderCancelled.Token);
        });
        await entered.Task;
        var waiter = gate.EnterAsync(DocumentWorkCaller.Job, waiterCancelled.Token);

        await waiterCancelled.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => waiter);
        gate.FreeSlots.ShouldBe(0);
        await holderCancelled.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => holder);

        gate.FreeSlots.ShouldBe(1);
    }

    [Fact]
    public async Task A_slot_given_back_cannot_run_document_work()
    {
        using var gate = DocumentWork.Gate();
        var slot = await gate.EnterAsync(DocumentWorkCaller.Job, CancellationToken.None);
        slot.Dispose();

        Should.Throw<ObjectDisposedException>(slot.EnsureHeld);
    }

    public static TheoryData<string, string> Receipts() => new()
    {
        { "application/pdf", SharedData.SwedishReceipts("pdf").First() },
        { "image/jpeg", SharedData.SwedishReceipt("receipt_0001.jpg") },
    };

    [Theory]
    [MemberData(nameof(Receipts))]
    public async Task With_every_slot_taken_each_document_path_is_refused_as_busy_and_works_once_one_is_free(string contentType, string path)
    {
        using var gate = DocumentWork.Gate(new DocumentWorkOptions { Slots = 2, RequestWaitSeconds = 0, JobWaitSeconds = 0 });
        var inspector = new FileInspector(Options.Create(new DocumentOptions()), Options.Create(new ImageBudget()), gate);
        using var ocr = new TesseractOcrEngine(Options.Create(new OcrOptions { Engines = 1 }), Options.Create(new ImageBudget()), gate);
        var renderer = new PdfRenderer(gate);
        var bytes = await File.ReadAllBytesAsync(path);
        var upload = await IncomingAsync(bytes);
        var receipt = new ReceiptImage(contentType, bytes);
        var taken = new[] { await gate.EnterAsync(DocumentWorkCaller.Job, CancellationToken.None), await gate.EnterAsync(DocumentWorkCaller.Job, CancellationToken.None) };

        await Should.ThrowAsync<DocumentWorkBusyException>(() => inspector.InspectAsync(upload, CancellationToken.None));
        await Should.ThrowAsync<DocumentWorkBusyException>(() => ocr.ReadAsync(bytes, contentType, OcrPass.Standard, CancellationToken.None));
        await Should.ThrowAsync<DocumentWorkBusyException>(() => renderer.VerificationAsync(Organization, Verification, receipt, CancellationToken.None));
        // A verification without a receipt draws nothing from a document.
        (await renderer.VerificationAsync(Organization, Verification, receipt: null, CancellationToken.None)).ShouldNotBeEmpty();

        taken[0].Dispose();
        (await inspector.InspectAsync(upload, CancellationToken.None)).ContentType.ShouldBe(contentType);
        (await ocr.ReadAsync(bytes, contentType, OcrPass.Standard, CancellationToken.None)).Text.ShouldNotBeEmpty();
        (await renderer.VerificationAsync(Organization, Verification, receipt, CancellationToken.None)).ShouldNotBeEmpty();
        gate.FreeSlots.ShouldBe(1);
        taken[1].Dispose();
    }

    [Fact]
    public async Task An_ocr_read_cancelled_while_it_renders_and_recognises_gives_its_slots_back()
    {
        using var gate = DocumentWork.Gate(new DocumentWorkOptions { Slots = 2 });
        using var ocr = new TesseractOcrEngine(Options.Create(new OcrOptions { Engines = 1, MinPdfTextLetters = int.MaxValue }), Options.Create(new ImageBudget()), gate);
        // A text-less page of the budget's full 50 MP: seconds of rendering and recognition to cancel in the middle of.
        var pdf = HostilePdf.OnePage("/MediaBox [0 0 2400 2400]");
        using var cancelled = new CancellationTokenSource();

        var read = ocr.ReadAsync(pdf, "application/pdf", OcrPass.Standard, cancelled.Token);
        cancelled.CancelAfter(TimeSpan.FromMilliseconds(500));

        await Should.ThrowAsync<OperationCanceledException>(() => read);
        gate.FreeSlots.ShouldBe(2);
    }

    [Fact]
    public async Task A_page_pdftoppm_cannot_render_within_its_address_space_is_an_unreadable_pdf_not_a_crash()
    {
        // 2400 × 2400 pt renders at 212 dpi to the budget's 50 MP: about 210 MB for poppler, past a 128 MB limit.
        var pdf = HostilePdf.OnePage("/MediaBox [0 0 2400 2400]");
        using var gate = DocumentWork.Gate(new DocumentWorkOptions { MaxProcessAddressSpaceBytes = 128L * 1024 * 1024 });
        using var ocr = new TesseractOcrEngine(Options.Create(new OcrOptions { Engines = 1, MinPdfTextLetters = int.MaxValue }), Options.Create(new ImageBudget()), gate);
        // The same page with a budget of 4 MP renders at 60 dpi, well within the same limit: the refusal is the render's memory, not the document.
        using var smallPages = new TesseractOcrEngine(
            Options.Create(new OcrOptions { Engines = 1, MinPdfTextLetters = int.MaxValue }), Options.Create(new ImageBudget { MaxPixels = 4_000_000, MinPdfRasterDpi = 50 }), gate);

        var refusal = await Should.ThrowAsync<OcrUnreadableException>(() => ocr.ReadAsync(pdf, "application/pdf", OcrPass.Standard, CancellationToken.None));

        refusal.Code.ShouldBe("ocr.pdf_too_complex");
        refusal.Message.ShouldContain("to render");
        (await smallPages.ReadAsync(pdf, "application/pdf", OcrPass.Standard, CancellationToken.None)).Source.ShouldBe(TextSource.Ocr);
        gate.FreeSlots.ShouldBe(gate.Slots);
    }

    private static readonly OrganizationDetails Organization = new(Guid.NewGuid(), "Kvitto AB", "556677-8899", VatPeriod.Monthly, "01-01", DateTimeOffset.UnixEpoch);

    private static readonly VerificationDetails Verification = new(
        Guid.NewGuid(), "A", 1, new DateOnly(2026, 11, 2), DateTimeOffset.UnixEpoch, "Kaffe", "Kaffebaren", "SEK", 4200, Guid.NewGuid(), null, null, [], [], []);

    private async Task<IncomingFile> IncomingAsync(byte[] bytes)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(path, bytes);
        return new IncomingFile(path, "kvitto", null, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
