using CleanLedger.Domain.Ledger.Verifications;

namespace CleanLedger.Domain.Ledger.Compliance.Rules;

/// <summary>
/// a verification shows when the event happened, what it concerns, the amount, the
/// counterparty where a receipt exists, and a link to the underlying document. A manual posting
/// without a document (bank fees, opening balances) passes with a warning.
/// </summary>
public sealed class RequiredContentRule : ComplianceRule
{
    public static readonly RuleMessage MissingDescription = new(
        "Verifikationen saknar beskrivning av vad affärshändelsen avser.",
        "The verification does not describe what the business event concerns.");

    public static readonly RuleMessage MissingAmount = new(
        "Verifikationen saknar belopp.",
        "The verification has no amount.");

    public static readonly RuleMessage MissingDate = new(
        "Verifikationen saknar datum för affärshändelsen.",
        "The verification has no date for the business event.");

    public static readonly RuleMessage MissingCounterparty = new(
        "Verifikationen bygger på ett underlag men saknar motpart.",
        "The verification is based on a document but names no counterparty.");

    public static readonly RuleMessage NoDocument = new(
        "Inget underlag är kopplat; beskrivningen får tjäna som underlag för en manuell bokföring.",
        "No document is linked; the description stands as the basis of this manual posting.");

    public override string Code => "R-001";

    public override RuleSeverity Severity => RuleSeverity.Block;

    public override string LegalReference => "BFL 5 kap. 7 §";

    public override RuleMessage Passed { get; } = new(
        "Verifikationen har datum, beskrivning, belopp, motpart och underlag.",
        "The verification shows date, description, amount, counterparty and document.");

    public override RuleResult Evaluate(VerificationDraft draft, ComplianceContext context)
    {
        if (draft.Date == default)
            return Fail(MissingDate);
        if (string.IsNullOrWhiteSpace(draft.Description))
            return Fail(MissingDescription);
        if (draft.TotalDebit == 0)
            return Fail(MissingAmount);
        if (draft.DocumentIds.Count == 0)
            return draft.Reverses is null ? Warn(NoDocument) : Pass();
        if (string.IsNullOrWhiteSpace(draft.Counterparty))
            return Fail(MissingCounterparty);
        return Pass();
    }
}
