using System.Globalization;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger.FiscalYears;

namespace CleanLedger.Domain.Tests.Ledger.FiscalYears;

public class PeriodIdTests
{
    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-11", 2026, 11)]
    [InlineData("2026-01", 2026, 1)]
    [InlineData("1900-12", 1900, 12)]
    public void Parses_and_formats_yyyy_MM(string text, int year, int month)
    {
        var period = PeriodId.Parse(text);

        period.ShouldBe(new PeriodId(year, month));
        period.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026/11")]
    [InlineData("2026-1")]
    [InlineData("26-11")]
    [InlineData("2026-11-01")]
    [InlineData("1899-12")]
    [InlineData("+026-11")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_anything_else(string? text)
    {
        PeriodId.TryParse(text, out _).ShouldBeFalse();
        Should.Throw<DomainException>(() => PeriodId.Parse(text)).Code.ShouldBe("period.invalid");
    }

    [Theory]
    [InlineData("2026-11-24", "2026-11", "2026-11-01", "2026-11-30")]
    [InlineData("2024-02-10", "2024-02", "2024-02-01", "2024-02-29")]
    [InlineData("2026-12-31", "2026-12", "2026-12-01", "2026-12-31")]
    public void Of_a_date_spans_its_month(string date, string period, string first, string last)
    {
        var id = PeriodId.Of(Day(date));

        id.ToString().ShouldBe(period);
        id.FirstDay.ShouldBe(Day(first));
        id.LastDay.ShouldBe(Day(last));
    }

    [Fact]
    public void Formats_with_four_year_digits() =>
        new PeriodId(987, 3).ToString().ShouldBe("0987-03");
}
