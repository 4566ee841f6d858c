using CleanLedger.Domain.Ledger.FiscalYears;

namespace CleanLedger.Domain.Ledger.Compliance;

/// <summary>A document a verification links to, as the rules need it.</summary>
public sealed record LinkedDocument(Guid Id, string Sha256, long? TotalOre, string? Currency);

/// <summary>
/// The facts about the organisation's books that the rules judge a draft against. The Application
/// gathers them (in the posting transaction); the rules only read them.
/// </summary>
public sealed record ComplianceContext(
    DateOnly Today,
    IReadOnlyList<FiscalYear> FiscalYears,
    IReadOnlyDictionary<int, Account> Accounts,
    bool PeriodLocked,
    bool PeriodVatFiled,
    IReadOnlyList<LinkedDocument> Documents,
    int PostedWithSameDocument,
    int PostedWithSameCounterpartyDateAndAmount)
{
    public FiscalYear? FiscalYearOf(DateOnly date)
    {
        for (var i = 0; i < FiscalYears.Count; i++)
        {
            if (FiscalYears[i].Contains(date))
                return FiscalYears[i];
        }

        return null;
    }
}
