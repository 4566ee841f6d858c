using CleanLedger.Domain.Ledger.Verifications;

namespace CleanLedger.Domain.Ledger.Compliance.Rules;

/// <summary>R-011: double entry. At least two lines, each either a positive debit or a positive credit, debits equal credits, one currency.</summary>
public sealed class BalancedRule : ComplianceRule
{
    public static readonly RuleMessage TooFewLines = new(
        "En verifikation behöver minst två rader.",
        "A verification needs at least two lines.");

    public static readonly RuleMessage NotOneSided = new(
        "Varje rad ska ha antingen ett positivt debetbelopp eller ett positivt kreditbelopp, inte noll, negativt eller båda.",
        "Each line must have either a positive debit or a positive credit: not zero, negative or both.");

    public static readonly RuleMessage Unbalanced = new(
        "Summa debet är inte lika med summa kredit.",
        "Total debit does not equal total credit.");

    public static readonly RuleMessage NotSek = new(
        "Bokföringen förs i svenska kronor; räkna om beloppen till SEK.",
        "The books are kept in Swedish kronor; convert the amounts to SEK.");

    public override string Code => "R-011";

    public override RuleSeverity Severity => RuleSeverity.Block;

    public override string LegalReference => "BFL 4 kap. 1 § och 5 kap. 1 §";

    public override RuleMessage Passed { get; } = new(
        "Verifikationen balanserar: debet är lika med kredit.",
        "The verification balances: debit equals credit.");

    public override RuleResult Evaluate(VerificationDraft draft, ComplianceContext context)
    {
        if (draft.Currency != Common.Money.Sek)
            return Fail(NotSek);
        if (draft.Lines.Count < 2)
            return Fail(TooFewLines);

        // Int128, so that huge amounts cannot wrap around and make an unbalanced draft sum equal.
        Int128 debit = 0, credit = 0;
        for (var i = 0; i < draft.Lines.Count; i++)
        {
            var line = draft.Lines[i];
            if (line.Debit < 0 || line.Credit < 0 || (line.Debit > 0) == (line.Credit > 0))
                return Fail(NotOneSided);
            debit += line.Debit;
            credit += line.Credit;
        }

        // A total beyond long.MaxValue öre cannot be carried as the verification's gross amount.
        return debit == credit && debit <= long.MaxValue ? Pass() : Fail(Unbalanced);
    }
}
