using CleanLedger.Application.Common.IO;
using CleanLedger.Application.Documents;

namespace CleanLedger.Infrastructure.Documents;

/// <summary>
/// qpdf as a <see cref="LimitedProcess"/>: its output is read as it comes, never more than a cap,
/// so a PDF that expands past it is refused after reading only the cap and qpdf is stopped there.
/// qpdf decompresses object streams in its own memory before anything is written; under the
/// slot's address-space limit a PDF that needs more is refused, not given the machine's memory.
/// </summary>
internal static class Qpdf
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs qpdf under <paramref name="slot"/> and hands its standard output, cut off at <paramref name="maxOutputBytes"/>, to <paramref name="read"/>.</summary>
    /// <exception cref="UploadRejectedException">pdf.too_complex: the output passes the cap, qpdf runs out of memory or takes too long.</exception>
    public static async Task<(int ExitCode, T Output)> RunAsync<T>(
        DocumentWorkSlot slot, IEnumerable<string> arguments, long maxOutputBytes, Func<Stream, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        LimitedProcessResult<T> run;
        try
        {
            run = await LimitedProcess.RunAsync(slot, "qpdf", arguments, Timeout, maxOutputBytes, read, cancellationToken);
        }
        catch (ReadLimitExceededException)
        {
            throw new UploadRejectedException(UploadRejection.Unprocessable, "pdf.too_complex",
                $"The PDF expands to more than {maxOutputBytes} bytes; receipts do not.");
        }
        catch (TimeoutException)
        {
            throw new UploadRejectedException(UploadRejection.Unprocessable, "pdf.too_complex", "The PDF took too long to check.");
        }

        // Out of memory while decoding a stream is only a warning to qpdf (the object is then missing); it is a refusal here.
        if (run.Errors.Contains("bad_alloc", StringComparison.Ordinal))
            throw new UploadRejectedException(UploadRejection.Unprocessable, "pdf.too_complex", "The PDF needs far more memory to read than a receipt does.");
        return (run.ExitCode, run.Output);
    }

    /// <summary>Runs qpdf for its exit code and (short) output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(DocumentWorkSlot slot, CancellationToken cancellationToken, params string[] arguments) =>
        await RunAsync(slot, arguments, ShortOutputBytes, async (output, token) => await new StreamReader(output).ReadToEndAsync(token), cancellationToken);

    /// <summary>qpdf's rewrite of a PDF: the same pages with a rebuilt cross-reference table, whatever it had to repair.</summary>
    public static async Task<byte[]> RewriteAsync(DocumentWorkSlot slot, byte[] pdf, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("cleanledger-qpdf-").FullName;
        try
        {
            var input = Path.Combine(folder, "received.pdf");
            var output = Path.Combine(folder, "rewritten.pdf");
            await File.WriteAllBytesAsync(input, pdf, cancellationToken);
            var (exitCode, _) = await RunAsync(slot, cancellationToken, input, output);
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
}
