using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanLedger.Infrastructure.Documents;

/// <summary>
/// Section "Documents:Work": how much memory-heavy document work one process does at once. Each
/// operation is held to <see cref="MaxProcessAddressSpaceBytes"/>, so the process's document work
/// peaks near <see cref="Slots"/> × that (4 × 512 MB = 2 GB by default) however many uploads and
/// OCR jobs arrive together (docs/adr/0015).
/// </summary>
public sealed class DocumentWorkOptions
{
    public const string Section = "Documents:Work";

    /// <summary>
    /// Operations at once. They are CPU-bound as well (qpdf, poppler, Tesseract), so more slots
    /// than cores buys no throughput; a machine with more cores and memory raises it together with
    /// <c>Ocr:Engines</c>.
    /// </summary>
    [Range(1, 256)]
    public int Slots { get; set; } = 4;

    /// <summary>
    /// The address space of each child process (qpdf, pdftoppm) and the size every in-process
    /// operation is kept to by the <see cref="ImageBudget"/>. qpdf reads a receipt PDF in a few
    /// tens of MB and an object-stream bomb takes it twice what the stream inflates to; pdftoppm
    /// renders a page of the budget's 50 MP in about 210 MB. In process, a 50 MP image decodes to
    /// 200 MB (32 bpp) before it is made grey, and the text layer is parsed only from a document
    /// whose streams inflate to at most 64 MB.
    /// </summary>
    [Range(typeof(long), "67108864", "17179869184")]
    public long MaxProcessAddressSpaceBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// How long an upload or a verification PDF waits for a slot before it is answered 503 with
    /// Retry-After: a person is waiting, and an operation takes a fraction of a second to a few.
    /// </summary>
    [Range(0, 120)]
    public int RequestWaitSeconds { get; set; } = 10;

    /// <summary>
    /// How long a background job (reading a receipt) waits; then the attempt fails having recorded
    /// nothing and the job's retries run it again later.
    /// </summary>
    [Range(0, 3600)]
    public int JobWaitSeconds { get; set; } = 120;
}

/// <summary>Who is waiting for a slot, which decides how long it waits.</summary>
public enum DocumentWorkCaller
{
    /// <summary>An HTTP request: an upload's check, a verification PDF with its receipt drawn in.</summary>
    Request,

    /// <summary>A background job: reading a receipt's text.</summary>
    Job,
}

/// <summary>
/// The one bound on memory-heavy document work in a process. Every qpdf and pdftoppm run, every
/// parse of a PDF's text layer, every image decoded and recognised, every receipt drawn into a
/// verification PDF happens while its caller holds a <see cref="DocumentWorkSlot"/>, and there
/// are only <see cref="Slots"/> of them; the budgets of one operation (the <see cref="ImageBudget"/>,
/// the child processes' address space) then bound the whole process.
/// </summary>
/// <remarks>
/// A caller takes one slot for one operation and never a second while it holds one, so slots
/// cannot deadlock; the functions that do the work take the held slot as a parameter, so none
/// runs outside one. A caller that gets no slot within its wait is refused with
/// <see cref="DocumentWorkBusyException"/> before anything was done.
/// </remarks>
public sealed class DocumentWorkGate : IDisposable
{
    private readonly SemaphoreSlim _free;
    private readonly DocumentWorkOptions _options;
    private readonly ILogger<DocumentWorkGate> _logger;

    public DocumentWorkGate(IOptions<DocumentWorkOptions> options, ILogger<DocumentWorkGate> logger)
    {
        _options = options.Value;
        _logger = logger;
        _free = new SemaphoreSlim(_options.Slots, _options.Slots);
    }

    public int Slots => _options.Slots;

    public int FreeSlots => _free.CurrentCount;

    /// <summary>Waits for a slot as long as <paramref name="caller"/> may; dispose the slot to give it back.</summary>
    /// <exception cref="DocumentWorkBusyException">No slot came free in time.</exception>
    /// <exception cref="OperationCanceledException">The wait was cancelled; no slot is held.</exception>
    public async Task<DocumentWorkSlot> EnterAsync(DocumentWorkCaller caller, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(caller == DocumentWorkCaller.Request ? _options.RequestWaitSeconds : _options.JobWaitSeconds);
        if (!await _free.WaitAsync(wait, cancellationToken))
        {
            // The refusal is the caller's answer; the log is where a process that keeps running out of slots shows.
            _logger.LogWarning("A {Caller} got none of the {Slots} document work slots within {WaitSeconds} s and was refused", caller, _options.Slots, wait.TotalSeconds);
            throw new DocumentWorkBusyException(_options.Slots, wait);
        }
        return new DocumentWorkSlot(this, _options.MaxProcessAddressSpaceBytes);
    }

    internal void Release() => _free.Release();

    public void Dispose() => _free.Dispose();
}

/// <summary>
/// A held slot: the right to do one memory-heavy document operation. Disposing it (once, on any
/// path: success, refusal, cancellation) gives it back.
/// </summary>
public sealed class DocumentWorkSlot : IDisposable
{
    private readonly DocumentWorkGate _gate;
    private int _released;

    internal DocumentWorkSlot(DocumentWorkGate gate, long maxProcessAddressSpaceBytes)
    {
        _gate = gate;
        MaxProcessAddressSpaceBytes = maxProcessAddressSpaceBytes;
    }

    /// <summary>The address space a child process started under this slot may have.</summary>
    public long MaxProcessAddressSpaceBytes { get; }

    /// <exception cref="ObjectDisposedException">The slot was given back; the work must not start.</exception>
    public void EnsureHeld() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _released) != 0, this);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
            _gate.Release();
    }
}

/// <summary>
/// The process is doing as much document work as its memory budget allows and no slot came free
/// within the caller's wait. Nothing was done; the same request or job succeeds later.
/// </summary>
public sealed class DocumentWorkBusyException(int slots, TimeSpan waited)
    : Exception($"All {slots} document work slots stayed busy for {waited.TotalSeconds:0} s.")
{
    /// <summary>When to try again: as long as this caller waited, and at least a second.</summary>
    public TimeSpan RetryAfter { get; } = waited < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : waited;
}

public static class DocumentWorkGateServiceCollectionExtensions
{
    /// <summary>
    /// The process's one <see cref="DocumentWorkGate"/>, its options from "Documents:Work" validated at
    /// start-up. The upload check and the OCR step both call it and share the gate.
    /// </summary>
    public static IServiceCollection AddDocumentWorkGate(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DocumentWorkOptions>().Bind(configuration.GetSection(DocumentWorkOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // The gate logs its refusals; a host has logging already, and adding it again changes nothing.
        services.AddLogging();
        services.TryAddSingleton<DocumentWorkGate>();
        return services;
    }
}
