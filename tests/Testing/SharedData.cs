namespace CleanLedger.Testing;

/// <summary>The shared test material beside the checkout (../shared/data), read-only.</summary>
public static class SharedData
{
    public static string Folder { get; } = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "data"));

    public static string SwedishReceipt(string name) => Path.Combine(Folder, "receipts-se", "dev", name);

    public static string RealReceipts { get; } = Path.Combine(Folder, "receipts", "dev");

    public static string SwedishReceiptsFolder { get; } = Path.Combine(Folder, "receipts-se", "dev");

    public static string SieFile(string name) => Path.Combine(Folder, "sie", name);

    public static IEnumerable<string> SwedishReceipts(string extension) =>
        Directory.EnumerateFiles(Path.Combine(Folder, "receipts-se", "dev"), $"*.{extension}").Order(StringComparer.Ordinal);
}
