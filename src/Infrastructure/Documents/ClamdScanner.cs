using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using CleanLedger.Application.Documents;
using CleanLedger.Domain.Documents;
using Microsoft.Extensions.Options;

namespace CleanLedger.Infrastructure.Documents;

/// <summary>
/// Scans an upload with a real clamd over TCP using its INSTREAM protocol: <c>zINSTREAM\0</c>, the
/// bytes in length-prefixed chunks, a zero-length chunk, then one reply ending in <c>\0</c>.
/// Fails closed: an unreachable or erroring scanner refuses the upload rather than letting it in.
/// </summary>
public sealed class ClamdScanner(IOptions<DocumentOptions> options) : IVirusScanner
{
    private const int ChunkBytes = 64 * 1024;

    public async Task<ScanResult> ScanAsync(IncomingFile file, CancellationToken cancellationToken)
    {
        var scan = options.Value.VirusScan;
        string reply;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(scan.TimeoutSeconds));
            reply = await InstreamAsync(scan.Host, scan.Port, file.Path, timeout.Token);
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ScannerUnavailableException($"The virus scanner at {scan.Host}:{scan.Port} did not answer: {exception.Message}", exception);
        }

        if (reply.EndsWith(" FOUND", StringComparison.Ordinal))
        {
            var signature = reply["stream: ".Length..^" FOUND".Length];
            throw new UploadRejectedException(UploadRejection.Unprocessable, "virus.found", $"The file contains malware ({signature}).");
        }

        return reply == "stream: OK"
            ? ScanResult.Clean
            : throw new ScannerUnavailableException($"The virus scanner could not scan the file: {reply}", null);
    }

    private static async Task<string> InstreamAsync(string host, int port, string path, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, cancellationToken);
        await using var network = client.GetStream();
        await network.WriteAsync("zINSTREAM\0"u8.ToArray(), cancellationToken);

        var buffer = new byte[4 + ChunkBytes];
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkBytes, useAsync: true))
        {
            try
            {
                int read;
                while ((read = await file.ReadAsync(buffer.AsMemory(4, ChunkBytes), cancellationToken)) > 0)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)read);
                    await network.WriteAsync(buffer.AsMemory(0, 4 + read), cancellationToken);
                }

                await network.WriteAsync(new byte[4], cancellationToken);
            }
            catch (IOException)
            {
                // Over its StreamMaxLength clamd answers and closes while we still write: read its answer.
            }
        }

        var reply = new MemoryStream();
        var answer = new byte[256];
        int count;
        while ((count = await network.ReadAsync(answer, cancellationToken)) > 0)
        {
            reply.Write(answer, 0, count);
            if (answer[count - 1] == 0)
                break;
        }

        return Encoding.ASCII.GetString(reply.ToArray()).TrimEnd('\0', '\n');
    }
}

/// <summary>The scanner could not give a verdict; the upload is refused until it can (503).</summary>
public sealed class ScannerUnavailableException(string message, Exception? inner) : Exception(message, inner);
