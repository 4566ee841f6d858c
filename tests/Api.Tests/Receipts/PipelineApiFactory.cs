using CleanLedger.Api.Tests.Support;
using CleanLedger.Infrastructure.Persistence;

namespace CleanLedger.Api.Tests.Receipts;

/// <summary>The Api on PostgreSQL with its Hangfire job server running the real receipt pipeline (Tesseract included).</summary>
public sealed class PipelineApiFactory() : ApiFactory(DatabaseProvider.Postgres)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Jobs:Server"] = "true",
        ["Jobs:Workers"] = "2",
        // A restarted server takes over whatever the stopped one left unfinished at once.
        ["Jobs:StuckAfter"] = "00:00:00",
        ["Ocr:Engines"] = "2",
    };
}
