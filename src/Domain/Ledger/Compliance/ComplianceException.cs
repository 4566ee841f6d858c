namespace CleanLedger.Domain.Ledger.Compliance;

/// <summary>Posting was refused because a blocking rule failed; carries every rule's result.</summary>
public sealed class ComplianceException(IReadOnlyList<RuleResult> results)
    : Exception("The verification breaks a blocking compliance rule.")
{
    public const string Code = "compliance.blocked";

    public IReadOnlyList<RuleResult> Results { get; } = results;
}
