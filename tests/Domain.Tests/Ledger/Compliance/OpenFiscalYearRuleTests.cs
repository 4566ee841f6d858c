using System.Globalization;
using CleanLedger.Domain.Ledger.Compliance.Rules;
using CleanLedger.Domain.Ledger.FiscalYears;
using static CleanLedger.Domain.Tests.Ledger.Compliance.Drafts;

namespace CleanLedger.Domain.Tests.Ledger.Compliance;

public class OpenFiscalYearRuleTests
{
    private static readonly OpenFiscalYearRule Rule = new();

    // A "today" after the year end, so that the year's last day is not in the future.
    private static readonly DateOnly AfterYearEnd = new(2027, 1, 15);

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void Passes_a_date_in_the_open_year() =>
        Rule.Evaluate(Valid(), Context()).ShouldPass(Rule);

    [Fact]
    public void Passes_today() =>
        Rule.Evaluate(Valid() with { Date = Today }, Context()).ShouldPass(Rule);

    [Fact]
    public void Blocks_tomorrow() =>
        Rule.Evaluate(Valid() with { Date = Today.AddDays(1) }, Context()).ShouldBlock(Rule, OpenFiscalYearRule.InTheFuture);

    [Fact]
    public void Reports_the_future_before_the_missing_fiscal_year() =>
        Rule.Evaluate(Valid() with { Date = new DateOnly(2027, 6, 1) }, Context()).ShouldBlock(Rule, OpenFiscalYearRule.InTheFuture);

    [Theory]
    [InlineData("2026-01-01")]
    [InlineData("2026-12-31")]
    public void Passes_the_first_and_last_day_of_the_year(string date) =>
        Rule.Evaluate(Valid() with { Date = Day(date) }, Context() with { Today = AfterYearEnd }).ShouldPass(Rule);

    [Theory]
    [InlineData("2025-12-31")]
    [InlineData("2027-01-01")]
    public void Blocks_the_day_before_and_after_the_year(string date) =>
        Rule.Evaluate(Valid() with { Date = Day(date) }, Context() with { Today = AfterYearEnd })
            .ShouldBlock(Rule, OpenFiscalYearRule.NoFiscalYear);

    [Fact]
    public void Blocks_when_there_is_no_fiscal_year_at_all() =>
        Rule.Evaluate(Valid(), Context() with { FiscalYears = [] }).ShouldBlock(Rule, OpenFiscalYearRule.NoFiscalYear);

    [Theory]
    [InlineData("2025-07-01")]
    [InlineData("2026-02-28")]
    [InlineData("2026-12-31")]
    public void An_eighteen_month_first_year_covers_both_ends(string date)
    {
        var firstYear = new FiscalYear(Guid.NewGuid(), new DateOnly(2025, 7, 1), new DateOnly(2026, 12, 31));

        Rule.Evaluate(Valid() with { Date = Day(date) }, Context() with { Today = AfterYearEnd, FiscalYears = [firstYear] }).ShouldPass(Rule);
    }

    [Fact]
    public void An_eighteen_month_first_year_does_not_cover_the_day_before()
    {
        var firstYear = new FiscalYear(Guid.NewGuid(), new DateOnly(2025, 7, 1), new DateOnly(2026, 12, 31));

        Rule.Evaluate(Valid() with { Date = new DateOnly(2025, 6, 30) }, Context() with { FiscalYears = [firstYear] })
            .ShouldBlock(Rule, OpenFiscalYearRule.NoFiscalYear);
    }

    [Fact]
    public void Blocks_a_date_in_a_closed_year()
    {
        var closed = new FiscalYear(Guid.NewGuid(), new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), isClosed: true);

        Rule.Evaluate(Valid(), Context() with { FiscalYears = [closed] }).ShouldBlock(Rule, OpenFiscalYearRule.FiscalYearClosed);
    }

    [Fact]
    public void Judges_the_year_that_contains_the_date()
    {
        var closed2025 = new FiscalYear(Guid.NewGuid(), new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), isClosed: true);
        var context = Context() with { FiscalYears = [closed2025, Year2026] };

        Rule.Evaluate(Valid(), context).ShouldPass(Rule);
        Rule.Evaluate(Valid() with { Date = new DateOnly(2025, 12, 31) }, context).ShouldBlock(Rule, OpenFiscalYearRule.FiscalYearClosed);
    }
}
