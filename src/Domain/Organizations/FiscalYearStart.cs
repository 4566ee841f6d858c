using System.Globalization;
using CleanLedger.Domain.Common;

namespace CleanLedger.Domain.Organizations;

/// <summary>
/// The first day of the organisation's fiscal year (räkenskapsår), written "MM-DD". Swedish fiscal
/// years begin on the first day of a month (BFL 3 kap), so the day must be 01.
/// </summary>
public readonly record struct FiscalYearStart
{
    private FiscalYearStart(int month) => Month = month;

    public int Month { get; }

    public static FiscalYearStart CalendarYear => new(1);

    public static FiscalYearStart Parse(string? text) =>
        TryParse(text, out var start)
            ? start
            : throw new DomainException("fiscal_year_start.invalid", $"'{text}' is not a fiscal year start: use MM-01.");

    public static bool TryParse(string? text, out FiscalYearStart start)
    {
        start = default;
        if (text is not { Length: 5 } || text[2] != '-' || text[3..] != "01")
            return false;
        if (!int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12)
            return false;

        start = new FiscalYearStart(month);
        return true;
    }

    public override string ToString() => $"{Month:00}-01";
}
