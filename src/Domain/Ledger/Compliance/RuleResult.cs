namespace CleanLedger.Domain.Ledger.Compliance;

public enum RuleSeverity
{
    /// <summary>The verification cannot be posted.</summary>
    Block,

    /// <summary>It can be posted; the warning is returned and recorded.</summary>
    Warn,
}

/// <summary>A rule's message in Swedish and English (static texts: evaluating a rule allocates nothing).</summary>
public sealed record RuleMessage(string Swedish, string English);

/// <summary>One rule's verdict on one verification.</summary>
public readonly record struct RuleResult(string Code, RuleSeverity Severity, bool Passed, RuleMessage Message, string LegalReference)
{
    public bool Blocks => !Passed && Severity == RuleSeverity.Block;
}
