using System.Diagnostics;
using System.Text;
using CleanLedger.Application.Common.IO;
using CleanLedger.Application.Documents;

namespace CleanLedger.Infrastructure.Documents;

/// <summary>
/// qpdf as a child process whose output is read as it comes, never more than a cap: a PDF that
/// expands past it is refused after reading only the cap, and qpdf is stopped there. qpdf runs
/// under an address-space limit (prlimit), since it decompresses object streams in its own memory
/// before anything is written: a PDF that needs more is refused, not given the machine's memory.
/// </summary>
internal static class Qpdf
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>qpdf reads a 20 MB receipt PDF in a few tens of MB; an object stream bomb takes twice what it inflates to.</summary>
    private const long MaxAddressSpaceBytes = 512L * 1024 * 1024;

    /// <summary>The warnings kept to look for qpdf running out of memory; the rest is drained.</summary>
    private const int KeptWarningChars = 64 * 1024;

    /// <summary>Runs qpdf and hands its standard output, cut off at <paramref name="maxOutputBytes"/>, to <paramref name="read"/>.</summary>
    /// <exception cref="UploadRejectedException">pdf.too_complex: the output passes the cap, or qpdf takes too long.</exception>
    public static async Task<(int ExitCode, T Output)> RunAsync<T>(
        IEnumerable<string> arguments, long maxOutputBytes, Func<Stream, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("prlimit") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[$"--as={MaxAddressSpaceBytes}", "qpdf", .. arguments])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("qpdf did not start.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        // Read to the end whatever happens: stopping qpdf ends them.
        var errors = WarningsAsync(process.StandardError);
        try
        {
            var output = await read(new CountingReadStream(process.StandardOutput.BaseStream, maxOutputBytes), timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            // Out of memory while decoding a stream is only a warning to qpdf (the object is then missing); it is a refusal here.
            if ((await errors).Contains("bad_alloc", StringComparison.Ordinal))
                throw new UploadRejectedException(UploadRejection.Unprocessable, "pdf.too_complex", "The PDF needs far more memory to read than a receipt does.");
            return (process.ExitCode, output);
        }
        catch (ReadLimitExceededException)
        {
            await StopAsync(process, errors);
            throw new UploadRejectedException(UploadRejection.Unprocessable, "pdf.too_complex",
                $"The PDF expands to more than {maxOutputBytes} bytes; receipts do not.");
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process, errors);
            cancellationToken.ThrowIfCancellationRequested();
            throw new UploadRejectedException(UploadRejection.Unprocessable, "pdf.too_complex", "The PDF took too long to check.");
        }
    }

    /// <summary>Runs qpdf for its exit code and (short) output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(CancellationToken cancellationToken, params string[] arguments) =>
        await RunAsync(arguments, ShortOutputBytes, async (output, token) => await new StreamReader(output).ReadToEndAsync(token), cancellationToken);

    /// <summary>qpdf's rewrite of a PDF: the same pages with a rebuilt cross-reference table, whatever it had to repair.</summary>
    public static async Task<byte[]> RewriteAsync(byte[] pdf, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("cleanledger-qpdf-").FullName;
        try
        {
            var input = Path.Combine(folder, "received.pdf");
            var output = Path.Combine(folder, "rewritten.pdf");
            await File.WriteAllBytesAsync(input, pdf, cancellationToken);
            var (exitCode, _) = await RunAsync(cancellationToken, input, output);
            return exitCode is 0 or WarningsExitCode
                ? await File.ReadAllBytesAsync(output, cancellationToken)
                : throw new UploadRejectedException(UploadRejection.Unprocessable, "pdf.corrupt", "The PDF's structure is broken beyond repair.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>qpdf's exit code when it succeeded with warnings, e.g. after repairing the cross-reference table.</summary>
    public const int WarningsExitCode = 3;

    private const long ShortOutputBytes = 64 * 1024;

    /// <summary>qpdf's warnings, the first <see cref="KeptWarningChars"/> of them; the rest is read and dropped.</summary>
    private static async Task<string> WarningsAsync(StreamReader errors)
    {
        var kept = new StringBuilder();
        var buffer = new char[4096];
        for (int read; (read = await errors.ReadAsync(buffer, CancellationToken.None)) > 0;)
            kept.Append(buffer, 0, Math.Min(read, Math.Max(0, KeptWarningChars - kept.Length)));
        return kept.ToString();
    }

    private static async Task StopAsync(Process process, Task errorsDrained)
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(CancellationToken.None);
        await errorsDrained;
    }
}
