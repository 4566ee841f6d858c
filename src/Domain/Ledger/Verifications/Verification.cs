using CleanLedger.Domain.Common;

namespace CleanLedger.Domain.Ledger.Verifications;

/// <summary>
/// A posted verification (verifikation). It never changes: a correction is a new verification
/// that reverses it and names it (BFL 5 kap. 5 §, BFNAR 2013:2 p. 2.17).
/// </summary>
public sealed record Verification(
    Guid Id,
    Guid FiscalYearId,
    string Series,
    long Number,
    DateOnly Date,
    DateTimeOffset RegisteredAt,
    string Description,
    string? Counterparty,
    IReadOnlyList<VerificationLine> Lines,
    IReadOnlyList<Guid> DocumentIds,
    string Currency,
    Guid? Reverses,
    Guid PostedBy)
{
    public static Verification Post(VerificationDraft draft, Guid id, Guid fiscalYearId, long number, DateTimeOffset registeredAt, Guid postedBy)
    {
        if (number < 1)
            throw new DomainException("verification.number", "Verification numbers start at 1.");
        BookkeepingDates.Require(draft.Date, "verification date");
        VerificationLimits.Check(draft.Lines);
        return new Verification(id, fiscalYearId, draft.Series, number, draft.Date, registeredAt, draft.Description,
            draft.Counterparty, draft.Lines, draft.DocumentIds, draft.Currency, draft.Reverses, postedBy);
    }

    /// <summary>The correction that cancels this verification: every line with debit and credit swapped, naming this one.</summary>
    public VerificationDraft Reversal(DateOnly date, string series) =>
        new(
            date,
            Truncate($"Rättelse av {Series}{Number}: {Description}", MaxDescriptionLength),
            Counterparty,
            series,
            Lines.Select(line => line with { Debit = line.Credit, Credit = line.Debit }).ToList(),
            DocumentIds,
            Currency,
            Reverses: Id);

    /// <summary>What a verification's description may hold.</summary>
    public const int MaxDescriptionLength = 500;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
