using CleanLedger.Domain.Ledger.Compliance.Rules;
using CleanLedger.Domain.Ledger.Verifications;

namespace CleanLedger.Domain.Ledger.Compliance;

/// <summary>Runs every rule on a draft and returns one result per rule, in catalogue order.</summary>
public sealed class ComplianceEngine(IReadOnlyList<IComplianceRule> rules)
{
    /// <summary>The catalogue of docs/compliance-rules.md, in its order.</summary>
    public static ComplianceEngine Default { get; } = new(
    [
        new RequiredContentRule(),
        new BalancedRule(),
        new OpenFiscalYearRule(),
        new ChartOfAccountsRule(),
        new DocumentTotalRule(),
        new VatRule(),
        new PeriodOpenRule(),
        new DuplicateRule(),
    ]);

    public IReadOnlyList<IComplianceRule> Rules => rules;

    public List<RuleResult> Check(VerificationDraft draft, ComplianceContext context)
    {
        var results = new List<RuleResult>(rules.Count);
        Check(draft, context, results);
        return results;
    }

    /// <summary>Adds the results to <paramref name="results"/>; allocates nothing else.</summary>
    public void Check(VerificationDraft draft, ComplianceContext context, List<RuleResult> results)
    {
        for (var i = 0; i < rules.Count; i++)
            results.Add(rules[i].Evaluate(draft, context));
    }
}
