using CleanLedger.Infrastructure.Documents;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanLedger.Testing;

/// <summary>A document work gate of its own, for an upload check, OCR engine or renderer built without a host.</summary>
public static class DocumentWork
{
    public static DocumentWorkGate Gate(DocumentWorkOptions? options = null) =>
        new(Options.Create(options ?? new DocumentWorkOptions()), NullLogger<DocumentWorkGate>.Instance);
}
