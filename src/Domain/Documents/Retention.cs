namespace CleanLedger.Domain.Documents;

/// <summary>
/// How long bookkeeping material is kept: until the end of the seventh year after the calendar
/// year in which the fiscal year ended (BFL 7 kap. 2 §).
/// </summary>
public static class Retention
{
    public const int Years = 7;

    public static DateOnly KeepUntil(DateOnly fiscalYearEnd, int years = Years) => new(fiscalYearEnd.Year + years, 12, 31);
}
