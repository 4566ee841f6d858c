using System.Globalization;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger.FiscalYears;

namespace CleanLedger.Domain.Tests.Ledger.FiscalYears;

public class FiscalYearTests
{
    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-02-01", "2026-02-28", 1)]
    [InlineData("2026-01-01", "2026-12-31", 12)]
    [InlineData("2025-05-01", "2026-04-30", 12)]
    [InlineData("2025-07-01", "2026-12-31", 18)]
    public void Is_one_to_eighteen_whole_months(string start, string end, int months)
    {
        var year = new FiscalYear(Guid.NewGuid(), Day(start), Day(end));

        year.Months.ShouldBe(months);
        year.IsClosed.ShouldBeFalse();
    }

    [Theory]
    [InlineData("2025-06-01", "2026-12-31")] // 19 months
    [InlineData("2026-12-01", "2026-11-30")] // ends before it starts
    public void Refuses_other_lengths(string start, string end) =>
        Should.Throw<DomainException>(() => new FiscalYear(Guid.NewGuid(), Day(start), Day(end))).Code.ShouldBe("fiscal_year.length");

    [Fact]
    public void Starts_on_the_first_of_a_month() =>
        Should.Throw<DomainException>(() => new FiscalYear(Guid.NewGuid(), new DateOnly(2026, 1, 2), new DateOnly(2026, 12, 31))).Code.ShouldBe("fiscal_year.start");

    [Theory]
    [InlineData("2026-12-30")]
    [InlineData("2026-02-27")]
    public void Ends_on_the_last_day_of_a_month(string end) =>
        Should.Throw<DomainException>(() => new FiscalYear(Guid.NewGuid(), new DateOnly(2026, 1, 1), Day(end))).Code.ShouldBe("fiscal_year.end");

    [Fact]
    public void Contains_both_ends_and_nothing_outside()
    {
        var year = new FiscalYear(Guid.NewGuid(), new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

        year.Contains(new DateOnly(2026, 1, 1)).ShouldBeTrue();
        year.Contains(new DateOnly(2026, 12, 31)).ShouldBeTrue();
        year.Contains(new DateOnly(2025, 12, 31)).ShouldBeFalse();
        year.Contains(new DateOnly(2027, 1, 1)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("2026-01-01", 1, "2026-01-01", "2026-12-31")]
    [InlineData("2025-12-31", 1, "2025-01-01", "2025-12-31")]
    [InlineData("2026-05-01", 5, "2026-05-01", "2027-04-30")]
    [InlineData("2026-04-30", 5, "2025-05-01", "2026-04-30")]
    [InlineData("2024-02-29", 3, "2023-03-01", "2024-02-29")]
    public void Containing_finds_the_twelve_month_year_around_a_date(string date, int startMonth, string start, string end)
    {
        var id = Guid.NewGuid();

        var year = FiscalYear.Containing(Day(date), startMonth, id);

        year.Id.ShouldBe(id);
        year.Start.ShouldBe(Day(start));
        year.End.ShouldBe(Day(end));
        year.Months.ShouldBe(12);
        year.Contains(Day(date)).ShouldBeTrue();
    }

    [Fact]
    public void Overlaps_only_when_days_are_shared()
    {
        var year2026 = new FiscalYear(Guid.NewGuid(), new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

        year2026.Overlaps(new FiscalYear(Guid.NewGuid(), new DateOnly(2026, 12, 1), new DateOnly(2027, 11, 30))).ShouldBeTrue();
        year2026.Overlaps(new FiscalYear(Guid.NewGuid(), new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31))).ShouldBeFalse();
    }
}
