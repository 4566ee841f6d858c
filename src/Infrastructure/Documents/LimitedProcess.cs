using System.Diagnostics;
using System.Text;
using CleanLedger.Application.Common.IO;

namespace CleanLedger.Infrastructure.Documents;

/// <summary>
/// The one way a document tool (qpdf, pdftoppm) is run: as a child process under the address-space
/// limit of the <see cref="DocumentWorkSlot"/> its caller holds (prlimit, util-linux), within a
/// time limit, its standard output read as it comes and never past a cap. A tool that needs more
/// memory fails its allocation inside the limit instead of taking the machine's; whatever ends the
/// run (the caps, the time limit, cancellation), the process is stopped and gone before the slot
/// can be given back.
/// </summary>
internal static class LimitedProcess
{
    /// <summary>The tool's messages kept for the caller to read (warnings, running out of memory); the rest is drained.</summary>
    private const int KeptErrorChars = 64 * 1024;

    /// <summary>Runs <paramref name="program"/> and hands its standard output, cut off at <paramref name="maxOutputBytes"/>, to <paramref name="read"/>.</summary>
    /// <exception cref="ReadLimitExceededException">The output passed the cap; the process was stopped.</exception>
    /// <exception cref="TimeoutException">The process ran longer than <paramref name="timeout"/>; it was stopped.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled; the process was stopped.</exception>
    public static async Task<LimitedProcessResult<T>> RunAsync<T>(
        DocumentWorkSlot slot,
        string program,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        long maxOutputBytes,
        Func<Stream, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        slot.EnsureHeld();
        var start = new ProcessStartInfo("prlimit") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[$"--as={slot.MaxProcessAddressSpaceBytes}", program, .. arguments])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        using var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeLimit.CancelAfter(timeout);
        // Read to the end whatever happens: stopping the process ends it.
        var errors = KeptErrorsAsync(process.StandardError);
        try
        {
            var output = await read(new CountingReadStream(process.StandardOutput.BaseStream, maxOutputBytes), timeLimit.Token);
            await process.WaitForExitAsync(timeLimit.Token);
            return new LimitedProcessResult<T>(process.ExitCode, output, await errors);
        }
        catch (Exception failure)
        {
            // Whatever went wrong while reading, the process must not outlive its slot.
            await StopAsync(process, errors);
            if (failure is OperationCanceledException && !cancellationToken.IsCancellationRequested)
                throw new TimeoutException($"{program} ran longer than {timeout.TotalSeconds:0} s.", failure);
            throw;
        }
    }

    /// <summary>The first <see cref="KeptErrorChars"/> of the standard error; the rest is read and dropped.</summary>
    private static async Task<string> KeptErrorsAsync(StreamReader errors)
    {
        var kept = new StringBuilder();
        var buffer = new char[4096];
        for (int read; (read = await errors.ReadAsync(buffer, CancellationToken.None)) > 0;)
            kept.Append(buffer, 0, Math.Min(read, Math.Max(0, KeptErrorChars - kept.Length)));
        return kept.ToString();
    }

    private static async Task StopAsync(Process process, Task errorsDrained)
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(CancellationToken.None);
        await errorsDrained;
    }
}

/// <summary>How a limited child process ended: its exit code, what its output was read into, and (the start of) its messages.</summary>
internal sealed record LimitedProcessResult<T>(int ExitCode, T Output, string Errors);
