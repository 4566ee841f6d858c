using System.Globalization;
using CleanLedger.Domain.Common;

namespace CleanLedger.Domain.Ledger.FiscalYears;

/// <summary>A monthly accounting period, written yyyy-MM.</summary>
public readonly record struct PeriodId(int Year, int Month)
{
    public static PeriodId Of(DateOnly date) => new(date.Year, date.Month);

    public static bool TryParse(string? text, out PeriodId period)
    {
        period = default;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !BookkeepingDates.ContainsYear(year) || month is < 1 or > 12)
            return false;
        period = new PeriodId(year, month);
        return true;
    }

    public static PeriodId Parse(string? text) =>
        TryParse(text, out var period) ? period : throw new DomainException("period.invalid", $"'{text}' is not a period (yyyy-MM).");

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}");
}
