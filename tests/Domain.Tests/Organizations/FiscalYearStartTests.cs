using CleanLedger.Domain.Common;
using CleanLedger.Domain.Organizations;

namespace CleanLedger.Domain.Tests.Organizations;

public class FiscalYearStartTests
{
    [Theory]
    [InlineData("01-01", 1)]
    [InlineData("05-01", 5)]
    [InlineData("12-01", 12)]
    public void Starts_on_the_first_of_a_month(string text, int month)
    {
        var start = FiscalYearStart.Parse(text);
        start.Month.ShouldBe(month);
        start.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("01-15")]
    [InlineData("13-01")]
    [InlineData("00-01")]
    [InlineData("1-01")]
    [InlineData("0101")]
    [InlineData(null)]
    public void Refuses_other_days_and_shapes(string? text) =>
        Should.Throw<DomainException>(() => FiscalYearStart.Parse(text)).Code.ShouldBe("fiscal_year_start.invalid");
}
