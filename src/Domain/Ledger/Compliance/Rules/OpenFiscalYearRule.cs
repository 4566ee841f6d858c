using CleanLedger.Domain.Ledger.Verifications;

namespace CleanLedger.Domain.Ledger.Compliance.Rules;

/// <summary>R-021: the date lies inside an existing, open fiscal year, and not in the future.</summary>
public sealed class OpenFiscalYearRule : ComplianceRule
{
    public static readonly RuleMessage InTheFuture = new(
        "Datumet ligger i framtiden; en affärshändelse bokförs när den har inträffat.",
        "The date is in the future; an event is booked once it has happened.");

    public static readonly RuleMessage NoFiscalYear = new(
        "Det finns inget räkenskapsår som omfattar datumet.",
        "No fiscal year covers the date.");

    public static readonly RuleMessage FiscalYearClosed = new(
        "Räkenskapsåret som omfattar datumet är stängt.",
        "The fiscal year covering the date is closed.");

    public override string Code => "R-021";

    public override RuleSeverity Severity => RuleSeverity.Block;

    public override string LegalReference => "BFL 3 kap. 1 § och 5 kap. 2 §";

    public override RuleMessage Passed { get; } = new(
        "Datumet ligger i ett öppet räkenskapsår.",
        "The date lies in an open fiscal year.");

    public override RuleResult Evaluate(VerificationDraft draft, ComplianceContext context)
    {
        if (draft.Date > context.Today)
            return Fail(InTheFuture);
        var year = context.FiscalYearOf(draft.Date);
        if (year is null)
            return Fail(NoFiscalYear);
        return year.IsClosed ? Fail(FiscalYearClosed) : Pass();
    }
}
