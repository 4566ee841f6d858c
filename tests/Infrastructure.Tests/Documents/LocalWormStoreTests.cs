using System.Security.Cryptography;
using CleanLedger.Application.Documents;
using CleanLedger.Infrastructure.Documents;
using Microsoft.Extensions.Options;

namespace CleanLedger.Infrastructure.Tests.Documents;

/// <summary>The local write-once store: content-addressed, never overwritten, verified on every read.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalWormStoreTests : IDisposable
{
    private static readonly DateOnly Retain = new(2033, 12, 31);
    private readonly string _root = Directory.CreateTempSubdirectory("cleanledger-worm-").FullName;
    private readonly string _scratch = Directory.CreateTempSubdirectory("cleanledger-scratch-").FullName;
    private readonly LocalWormStore _store;

    public LocalWormStoreTests() => _store = new LocalWormStore(Options.Create(new DocumentOptions { LocalStorePath = _root }));

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public async Task Stores_under_the_content_hash_read_only_and_reads_back_the_same_bytes()
    {
        var file = Incoming("kvitto"u8.ToArray());

        var key = await _store.PutAsync(file, Retain, CancellationToken.None);

        key.ShouldBe($"{file.Sha256[..2]}/{file.Sha256[2..4]}/{file.Sha256}");
        File.GetUnixFileMode(Path.Combine(_root, key)).ShouldBe(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await using var read = await _store.OpenReadAsync(key, file.Sha256, CancellationToken.None);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        copy.ToArray().ShouldBe("kvitto"u8.ToArray());
        Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Refuses_to_overwrite_what_is_stored()
    {
        var original = Incoming("original"u8.ToArray());
        var key = await _store.PutAsync(original, Retain, CancellationToken.None);
        var impostor = original with { Path = Write("impostor"u8.ToArray()) };

        await _store.PutAsync(impostor, Retain, CancellationToken.None);

        (await File.ReadAllBytesAsync(Path.Combine(_root, key))).ShouldBe("original"u8.ToArray());
    }

    [Fact]
    public async Task A_stored_file_that_no_longer_matches_its_hash_is_never_served()
    {
        var file = Incoming("kvitto"u8.ToArray());
        var key = await _store.PutAsync(file, Retain, CancellationToken.None);
        var path = Path.Combine(_root, key);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllBytesAsync(path, "tampered"u8.ToArray());

        await Should.ThrowAsync<InvalidDataException>(() => _store.OpenReadAsync(key, file.Sha256, CancellationToken.None));
        await Should.ThrowAsync<InvalidDataException>(() => _store.PutAsync(file, Retain, CancellationToken.None));
    }

    [Fact]
    public async Task Parallel_puts_of_the_same_bytes_leave_one_file_and_no_partial_ones()
    {
        var file = Incoming(RandomNumberGenerator.GetBytes(256 * 1024));

        var keys = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => _store.PutAsync(file, Retain, CancellationToken.None)));

        keys.Distinct().ShouldHaveSingleItem();
        Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).ShouldHaveSingleItem();
    }

    [Fact]
    public void The_store_has_no_way_to_delete() =>
        typeof(IDocumentStore).GetMethods().Select(method => method.Name).ShouldBe(["PutAsync", "OpenReadAsync"], ignoreOrder: true);

    private IncomingFile Incoming(byte[] bytes) =>
        new(Write(bytes), "kvitto.jpg", "image/jpeg", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));

    private string Write(byte[] bytes)
    {
        var path = Path.Combine(_scratch, Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
