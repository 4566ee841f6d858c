namespace CleanLedger.Api.Tests.Support;

/// <summary>The shared test material beside the checkout (../shared/data), read-only.</summary>
public static class SharedData
{
    public static string Folder { get; } = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "data"));

    public static string SwedishReceipt(string name) => Path.Combine(Folder, "receipts-se", "dev", name);

    public static string SieFile(string name) => Path.Combine(Folder, "sie", name);

    public static IEnumerable<string> SwedishReceipts(string extension) =>
        Directory.EnumerateFiles(Path.Combine(Folder, "receipts-se", "dev"), $"*.{extension}").Order(StringComparer.Ordinal);
}
