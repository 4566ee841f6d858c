namespace CleanLedger.Testing;

public static class RepositoryPaths
{
    /// <summary>The checkout's root: the folder holding CleanLedger.sln above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CleanLedger.sln")))
                return folder.FullName;
        }

        throw new InvalidOperationException("CleanLedger.sln not found above " + AppContext.BaseDirectory);
    }
}
