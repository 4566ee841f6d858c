using System.Security.Cryptography;
using System.Text.Json;
using CleanLedger.Application.Receipts;

namespace CleanLedger.Benchmarks;

/// <summary>
/// Keeps the OCR text of every document and pass in a folder, named by the content's SHA-256, so that
/// a benchmark run again over the same files reads nothing twice. Only the benchmark host uses it;
/// clear the folder when the OCR itself changes.
/// </summary>
internal sealed class CachingOcrEngine(IOcrEngine engine, string folder) : IOcrEngine
{
    public int IdleEngines => engine.IdleEngines;

    public async Task<OcrResult> ReadAsync(ReadOnlyMemory<byte> content, string contentType, OcrPass pass, CancellationToken cancellationToken)
    {
        var cached = Path.Combine(folder, $"{Convert.ToHexStringLower(SHA256.HashData(content.Span))}.{pass}.json");
        if (File.Exists(cached))
            return JsonSerializer.Deserialize<OcrResult>(await File.ReadAllTextAsync(cached, cancellationToken))!;

        var text = await engine.ReadAsync(content, contentType, pass, cancellationToken);
        Directory.CreateDirectory(folder);
        // Written whole under another name first: a pass cancelled midway leaves nothing half-written behind.
        var partial = cached + ".partial";
        await File.WriteAllTextAsync(partial, JsonSerializer.Serialize(text), CancellationToken.None);
        File.Move(partial, cached, overwrite: true);
        return text;
    }
}
