using CleanLedger.Domain.Ledger.Verifications;

namespace CleanLedger.Domain.Ledger.Compliance.Rules;

/// <summary>PERIOD: the month is not locked and its VAT return has not been filed.</summary>
public sealed class PeriodOpenRule : ComplianceRule
{
    public static readonly RuleMessage Locked = new(
        "Perioden är låst; bokför rättelsen i en öppen period.",
        "The period is locked; book the correction in an open period.");

    public static readonly RuleMessage VatFiled = new(
        "Momsdeklarationen för perioden är inlämnad; bokför i en senare period.",
        "The VAT return for the period has been filed; book in a later period.");

    public override string Code => "PERIOD";

    public override RuleSeverity Severity => RuleSeverity.Block;

    public override string LegalReference => "BFNAR 2013:2 p. 2.17–2.18 (rättelse i öppen period)";

    public override RuleMessage Passed { get; } = new(
        "Perioden är öppen.",
        "The period is open.");

    public override RuleResult Evaluate(VerificationDraft draft, ComplianceContext context) =>
        context.PeriodVatFiled ? Fail(VatFiled) : context.PeriodLocked ? Fail(Locked) : Pass();
}
