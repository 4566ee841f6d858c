using CleanLedger.Domain.Ledger.Verifications;

namespace CleanLedger.Domain.Ledger.Compliance.Rules;

/// <summary>
/// every account is in the organisation's chart and active; a line on a VAT account
/// (2610–2649) carries VAT, so its code, when given, is a rate (25/12/6 % or reverse charge).
/// </summary>
public sealed class ChartOfAccountsRule : ComplianceRule
{
    public static readonly RuleMessage UnknownAccount = new(
        "Kontot finns inte i företagets kontoplan.",
        "The account is not in the organisation's chart of accounts.");

    public static readonly RuleMessage InactiveAccount = new(
        "Kontot är inaktiverat i kontoplanen.",
        "The account is deactivated in the chart of accounts.");

    public static readonly RuleMessage VatAccountWithoutRate = new(
        "En rad på ett momskonto ska ha en momssats (25, 12 eller 6 % eller omvänd skattskyldighet), inte momsfri eller nollskattesats.",
        "A line on a VAT account must carry a VAT rate (25, 12 or 6 % or reverse charge), not exempt or zero-rated.");

    public override string Code => "R-031";

    public override RuleSeverity Severity => RuleSeverity.Block;

    public override string LegalReference => "BFL 5 kap. 1 §; BFNAR 2013:2 p. 9.2 (kontoplan)";

    public override RuleMessage Passed { get; } = new(
        "Alla konton finns i kontoplanen och är aktiva.",
        "Every account is in the chart of accounts and active.");

    public override RuleResult Evaluate(VerificationDraft draft, ComplianceContext context)
    {
        for (var i = 0; i < draft.Lines.Count; i++)
        {
            var line = draft.Lines[i];
            if (!context.Accounts.TryGetValue(line.Account.Value, out var account))
                return Fail(UnknownAccount);
            if (!account.IsActive)
                return Fail(InactiveAccount);
            if (account.IsVatAccount && line.VatCode is { } code && code.BasisPoints() == 0)
                return Fail(VatAccountWithoutRate);
        }

        return Pass();
    }
}
