namespace CleanLedger.Domain.Documents;

/// <summary>What the virus scanner said about a stored document.</summary>
public enum ScanResult
{
    /// <summary>Scanned and clean.</summary>
    Clean,

    /// <summary>Scanning is switched off (local only); recorded so it can be scanned later.</summary>
    NotScanned,
}
