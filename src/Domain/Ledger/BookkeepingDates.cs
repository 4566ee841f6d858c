using CleanLedger.Domain.Common;

namespace CleanLedger.Domain.Ledger;

/// <summary>
/// The dates the books hold: 1900-01-01 to 2199-12-31 (ADR 0016). Wide enough for any archive
/// being brought in and any plan being made, narrow enough that every month and year arithmetic on
/// a date inside it (a period's last day, a fiscal year's next start) stays inside
/// <see cref="DateOnly"/>'s range and the engines' date types.
/// </summary>
public static class BookkeepingDates
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    public static readonly DateOnly Latest = new(2199, 12, 31);

    public static bool Contains(DateOnly date) => date >= Earliest && date <= Latest;

    public static bool ContainsYear(int year) => year >= Earliest.Year && year <= Latest.Year;

    /// <summary>"between 1900-01-01 and 2199-12-31": the window as messages state it.</summary>
    public static string Window => $"between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}";

    public static DateOnly Require(DateOnly date, string what) =>
        Contains(date) ? date : throw new DomainException("date.out_of_range", $"The {what} {date:yyyy-MM-dd} is not {Window}.");
}
