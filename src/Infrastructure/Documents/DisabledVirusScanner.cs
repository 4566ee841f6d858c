using CleanLedger.Application.Documents;
using CleanLedger.Domain.Documents;

namespace CleanLedger.Infrastructure.Documents;

/// <summary>Scanning switched off by configuration (local only; start-up guards refuse it elsewhere). Each document records that it was not scanned.</summary>
public sealed class DisabledVirusScanner : IVirusScanner
{
    public Task<ScanResult> ScanAsync(IncomingFile file, CancellationToken cancellationToken) => Task.FromResult(ScanResult.NotScanned);
}
