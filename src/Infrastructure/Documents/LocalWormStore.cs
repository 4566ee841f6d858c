using System.Security.Cryptography;
using CleanLedger.Application.Documents;
using Microsoft.Extensions.Options;

namespace CleanLedger.Infrastructure.Documents;

/// <summary>
/// The local write-once store: a content-addressed folder (<c>ab/cd/&lt;sha256&gt;</c>). A file is
/// written to a temporary name beside its place, flushed, made read-only and renamed into place
/// atomically; an existing file is never replaced. There is no delete.
/// </summary>
public sealed class LocalWormStore(IOptions<DocumentOptions> options) : IDocumentStore, IDocumentLegalHold
{
    private string Root => Path.GetFullPath(options.Value.LocalStorePath);

    public async Task<string> PutAsync(IncomingFile file, DateOnly retainUntil, CancellationToken cancellationToken)
    {
        var key = $"{file.Sha256[..2]}/{file.Sha256[2..4]}/{file.Sha256}";
        var target = Path.Combine(Root, key);
        if (File.Exists(target))
        {
            // Same name, so the same bytes unless the store was tampered with: check, never replace.
            await VerifyAsync(target, file.Sha256, cancellationToken);
            return key;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = $"{target}.{Guid.NewGuid():N}.partial";
        try
        {
            await using (var source = File.OpenRead(file.Path))
            await using (var destination = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await source.CopyToAsync(destination, cancellationToken);
                await destination.FlushAsync(cancellationToken);
                destination.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            await VerifyAsync(temporary, file.Sha256, cancellationToken);
            File.Move(temporary, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            // A concurrent upload of the same bytes put them there first.
            await VerifyAsync(target, file.Sha256, cancellationToken);
        }
        finally
        {
            File.Delete(temporary);
        }

        return key;
    }

    public async Task<Stream> OpenReadAsync(string storageKey, string sha256, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Root, storageKey);
        await VerifyAsync(path, sha256, cancellationToken);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
    }

    private static async Task VerifyAsync(string path, string sha256, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        if (actual != sha256)
            throw new InvalidDataException($"The stored document {Path.GetFileName(path)} does not match its hash: the store is corrupt.");
    }

    /// <summary>
    /// The folder keeps every file for ever (no delete, no expiry), so a hold changes nothing on
    /// disk; the file must still be there to be held.
    /// </summary>
    public Task SetAsync(string storageKey, bool onHold, CancellationToken cancellationToken) =>
        File.Exists(Path.Combine(Root, storageKey)) ? Task.CompletedTask : throw new FileNotFoundException("The stored document is missing.", storageKey);
}
