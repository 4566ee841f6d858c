namespace CleanLedger.Domain.Documents;

/// <summary>Where a document is on its way to the books (the contract's status values).</summary>
public enum DocumentStatus
{
    Received,
    Processing,
    Posted,
    NeedsReview,
    Rejected,
    Failed,
}
