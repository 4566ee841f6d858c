namespace CleanLedger.Infrastructure.Documents;

/// <summary>
/// Section "Documents": upload limits and where the local write-once store lives. How large an
/// image or a PDF page may be is the <see cref="ImageBudget"/>'s, shared with the OCR step.
/// </summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    public int MaxPdfPages { get; set; } = 20;

    /// <summary>The local WORM folder (local/test/ci).</summary>
    public string LocalStorePath { get; set; } = "data/documents";

    public VirusScanOptions VirusScan { get; set; } = new();

    /// <summary>"local" (the write-once folder) or "s3" (Object Lock; required in staging and production).</summary>
    public string Store { get; set; } = "local";

    public S3StoreOptions S3 { get; set; } = new();

    public bool UsesS3 => string.Equals(Store, "s3", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Section "Documents:VirusScan". Off only in local; the start-up guards refuse it off elsewhere.</summary>
public sealed class VirusScanOptions
{
    public bool Enabled { get; set; } = true;

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 3310;

    public int TimeoutSeconds { get; set; } = 30;
}
