using CleanLedger.Domain.Common;

namespace CleanLedger.Domain.Ledger.FiscalYears;

/// <summary>
/// A räkenskapsår: whole calendar months, normally twelve; a first or last (changed) year may be
/// shorter, or longer up to eighteen months (BFL 3 kap. 1–3 §§).
/// </summary>
public sealed record FiscalYear
{
    public const int MaxMonths = 18;

    public FiscalYear(Guid id, DateOnly start, DateOnly end, bool isClosed = false)
    {
        BookkeepingDates.Require(start, "fiscal year's start");
        BookkeepingDates.Require(end, "fiscal year's end");
        if (start.Day != 1)
            throw new DomainException("fiscal_year.start", $"A fiscal year starts on the first of a month, not {start:yyyy-MM-dd}.");
        if (end.AddDays(1).Day != 1)
            throw new DomainException("fiscal_year.end", $"A fiscal year ends on the last day of a month, not {end:yyyy-MM-dd}.");
        var months = MonthsBetween(start, end);
        if (months is < 1 or > MaxMonths)
            throw new DomainException("fiscal_year.length", $"A fiscal year is 1 to {MaxMonths} months, not {months}.");
        (Id, Start, End, IsClosed) = (id, start, end, isClosed);
    }

    public Guid Id { get; }

    public DateOnly Start { get; }

    /// <summary>The last day, inclusive.</summary>
    public DateOnly End { get; }

    public bool IsClosed { get; }

    public int Months => MonthsBetween(Start, End);

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public bool Overlaps(FiscalYear other) => Start <= other.End && other.Start <= End;

    /// <summary>The twelve-month year starting in <paramref name="startMonth"/> that contains <paramref name="date"/>.</summary>
    public static FiscalYear Containing(DateOnly date, int startMonth, Guid id)
    {
        var startYear = date.Month >= startMonth ? date.Year : date.Year - 1;
        var start = new DateOnly(startYear, startMonth, 1);
        return new FiscalYear(id, start, start.AddYears(1).AddDays(-1));
    }

    private static int MonthsBetween(DateOnly start, DateOnly end) => ((end.Year - start.Year) * 12) + end.Month - start.Month + 1;
}
