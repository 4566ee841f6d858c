using CleanLedger.Domain.Common;

namespace CleanLedger.Domain.Ledger.Verifications;

/// <summary>A verification as proposed, before it is checked and numbered.</summary>
public sealed record VerificationDraft(
    DateOnly Date,
    string Description,
    string? Counterparty,
    string Series,
    IReadOnlyList<VerificationLine> Lines,
    IReadOnlyList<Guid> DocumentIds,
    string Currency = Money.Sek,
    Guid? Reverses = null)
{
    public const string DefaultSeries = "A";

    /// <summary>The sum of the debits: the verification's gross amount.</summary>
    public long TotalDebit
    {
        get
        {
            long total = 0;
            for (var i = 0; i < Lines.Count; i++)
                total += Lines[i].Debit;
            return total;
        }
    }
}
