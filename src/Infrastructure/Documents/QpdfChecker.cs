using System.Diagnostics;
using System.Text;
using CleanLedger.Application.Documents;

namespace CleanLedger.Infrastructure.Documents;

/// <summary>
/// Checks a PDF's structure with qpdf and refuses what a receipt never needs: encryption, more
/// pages than the cap, and active content (JavaScript, launch and submit actions, embedded files,
/// rich media, XFA forms). qpdf rewrites the file with object streams unpacked, so names hidden in
/// compressed object streams or written with #-escapes are seen in their plain form.
/// </summary>
/// <remarks>The original bytes are what is stored (as received, BFNAR 2013:2 p. 7.2); see docs/adr/0009.</remarks>
public static class QpdfChecker
{
    private static readonly string[] ActiveContent =
        ["/JavaScript", "/JS", "/Launch", "/EmbeddedFiles", "/EmbeddedFile", "/RichMedia", "/XFA", "/SubmitForm", "/ImportData", "/GoToE"];

    /// <param name="path">The PDF.</param>
    /// <param name="maxPages">The page cap.</param>
    /// <param name="maxUnpackedBytes">How large the unpacked rewrite may grow (object streams can hide a bomb).</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    public static async Task<int> CheckAsync(string path, int maxPages, long maxUnpackedBytes, CancellationToken cancellationToken)
    {
        var (encrypted, _) = await QpdfAsync(cancellationToken, "--is-encrypted", path);
        if (encrypted == 0)
            throw Refuse("pdf.encrypted", "The PDF is encrypted; upload it without a password.");

        var (pagesExit, pagesOutput) = await QpdfAsync(cancellationToken, "--show-npages", path);
        if (pagesExit is not (0 or 3) || !int.TryParse(pagesOutput.Trim(), out var pages))
            throw Refuse("pdf.corrupt", "The PDF's structure is broken beyond repair.");
        if (pages > maxPages)
            throw Refuse("pdf.too_many_pages", $"The PDF has {pages} pages; the limit is {maxPages}.");

        var rewritten = $"{path}.unpacked.pdf";
        try
        {
            var (rewriteExit, _) = await QpdfAsync(cancellationToken, "--object-streams=disable", "--decode-level=none", path, rewritten);
            if (rewriteExit is not (0 or 3))
                throw Refuse("pdf.corrupt", "The PDF's structure is broken beyond repair.");
            if (new FileInfo(rewritten).Length > maxUnpackedBytes)
                throw Refuse("pdf.too_complex", "The PDF unpacks to far more than its size; receipts do not.");
            if (FindActiveContent(await File.ReadAllBytesAsync(rewritten, cancellationToken)) is { } found)
                throw Refuse("pdf.active_content", $"The PDF carries active content ({found}); receipts must not.");
        }
        finally
        {
            File.Delete(rewritten);
        }

        return pages;
    }

    private static string? FindActiveContent(ReadOnlySpan<byte> pdf)
    {
        foreach (var name in ActiveContent)
        {
            var token = Encoding.ASCII.GetBytes(name);
            for (var at = pdf.IndexOf(token); at >= 0; at = NextIndex(pdf, token, at))
            {
                var end = at + token.Length;
                // A PDF name ends at whitespace or a delimiter; "/JSON" is not "/JS".
                if (end == pdf.Length || IsNameEnd(pdf[end]))
                    return name;
            }
        }

        return null;
    }

    private static int NextIndex(ReadOnlySpan<byte> pdf, byte[] token, int previous)
    {
        var next = pdf[(previous + 1)..].IndexOf(token);
        return next < 0 ? -1 : previous + 1 + next;
    }

    private static bool IsNameEnd(byte value) => value is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or 0
        or (byte)'/' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'(' or (byte)')' or (byte)'{' or (byte)'}' or (byte)'%';

    private static async Task<(int ExitCode, string Output)> QpdfAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("qpdf") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("qpdf did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw Refuse("pdf.too_complex", "The PDF took too long to check.");
        }

        await errors;
        return (process.ExitCode, await output);
    }

    private static UploadRejectedException Refuse(string code, string reason) => new(UploadRejection.Unprocessable, code, reason);
}
