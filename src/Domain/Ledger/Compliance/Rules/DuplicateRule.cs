using CleanLedger.Domain.Ledger.Verifications;

namespace CleanLedger.Domain.Ledger.Compliance.Rules;

/// <summary>
/// DUP: one verification per business event. The same document posted twice blocks; another
/// posting with the same counterparty, date and gross amount warns (it may be a true repeat).
/// </summary>
public sealed class DuplicateRule : ComplianceRule
{
    public static readonly RuleMessage SameDocument = new(
        "Underlaget är redan bokfört i en annan verifikation.",
        "The document is already posted in another verification.");

    public static readonly RuleMessage SameEvent = new(
        "En verifikation med samma motpart, datum och belopp finns redan; kontrollera att det inte är en dubblett.",
        "A verification with the same counterparty, date and amount exists; check that this is not a duplicate.");

    public override string Code => "DUP";

    public override RuleSeverity Severity => RuleSeverity.Block;

    public override string LegalReference => "BFL 5 kap. 6 § (en verifikation per affärshändelse)";

    public override RuleMessage Passed { get; } = new(
        "Ingen dubblett hittades.",
        "No duplicate was found.");

    public override RuleResult Evaluate(VerificationDraft draft, ComplianceContext context) =>
        context.PostedWithSameDocument > 0 ? Fail(SameDocument)
        : context.PostedWithSameCounterpartyDateAndAmount > 0 ? Warn(SameEvent)
        : Pass();
}
