using CleanLedger.Domain.Ledger.Verifications;

namespace CleanLedger.Domain.Ledger.Compliance;

/// <summary>One bookkeeping rule: a stable code, its legal basis, and a verdict on a draft.</summary>
public interface IComplianceRule
{
    string Code { get; }

    /// <summary>The severity of the rule's main failure (a rule may also warn, see the catalogue).</summary>
    RuleSeverity Severity { get; }

    string LegalReference { get; }

    /// <summary>The message when the rule passes.</summary>
    RuleMessage Passed { get; }

    RuleResult Evaluate(VerificationDraft draft, ComplianceContext context);
}

/// <summary>Shorthands so each rule states only its verdicts.</summary>
public abstract class ComplianceRule : IComplianceRule
{
    public abstract string Code { get; }

    public abstract RuleSeverity Severity { get; }

    public abstract string LegalReference { get; }

    public abstract RuleMessage Passed { get; }

    public abstract RuleResult Evaluate(VerificationDraft draft, ComplianceContext context);

    protected RuleResult Pass() => new(Code, Severity, true, Passed, LegalReference);

    protected RuleResult Fail(RuleMessage message) => new(Code, RuleSeverity.Block, false, message, LegalReference);

    protected RuleResult Warn(RuleMessage message) => new(Code, RuleSeverity.Warn, false, message, LegalReference);
}
