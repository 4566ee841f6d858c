using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.FiscalYears;
using CleanLedger.Domain.Ledger.Verifications;

namespace CleanLedger.Domain.Tests.Ledger.Verifications;

/// <summary>The ceilings and the date window every verification is posted within (ADR 0016).</summary>
public class VerificationLimitsTests
{
    private const int LinesAtTheGrossCeiling = (int)(VerificationLimits.MaxGrossOre / VerificationLimits.MaxLineOre);

    [Fact]
    public void A_verification_exactly_at_both_ceilings_posts()
    {
        var draft = Draft(new DateOnly(2026, 11, 2), LinesAtTheGrossCeiling, VerificationLimits.MaxLineOre);

        var posted = Post(draft);

        posted.Lines.Sum(line => line.Debit).ShouldBe(VerificationLimits.MaxGrossOre);
    }

    [Fact]
    public void A_line_one_ore_past_its_ceiling_is_refused()
    {
        var draft = Draft(new DateOnly(2026, 11, 2), 1, VerificationLimits.MaxLineOre + 1);

        Should.Throw<DomainException>(() => Post(draft)).Code.ShouldBe("verification.amount_too_large");
    }

    [Fact]
    public void Debits_one_ore_past_the_verification_ceiling_are_refused()
    {
        var atTheCeiling = Draft(new DateOnly(2026, 11, 2), LinesAtTheGrossCeiling, VerificationLimits.MaxLineOre);
        var draft = atTheCeiling with
        {
            Lines = [.. atTheCeiling.Lines, new VerificationLine(new AccountNumber(1930), 1, 0), new VerificationLine(new AccountNumber(3001), 0, 1)],
        };

        Should.Throw<DomainException>(() => Post(draft)).Code.ShouldBe("verification.amount_too_large");
    }

    [Fact]
    public void More_lines_than_the_limit_are_refused_before_anything_is_summed()
    {
        var draft = Draft(new DateOnly(2026, 11, 2), (VerificationLimits.MaxLines / 2) + 1, long.MaxValue);

        Should.Throw<DomainException>(() => Post(draft)).Code.ShouldBe("verification.too_many_lines");
    }

    [Fact]
    public void The_ceilings_times_the_line_limit_fit_a_long_many_times_over()
    {
        ((Int128)VerificationLimits.MaxLineOre * VerificationLimits.MaxLines).ShouldBeLessThan(long.MaxValue / 1000);
        VerificationLimits.MaxGrossOre.ShouldBeLessThan(long.MaxValue / 1000);
    }

    [Theory]
    [InlineData("1899-12-31")]
    [InlineData("2200-01-01")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public void A_verification_dated_outside_the_window_is_refused(string date)
    {
        var draft = Draft(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), 1, 100_00);

        Should.Throw<DomainException>(() => Post(draft)).Code.ShouldBe("date.out_of_range");
    }

    [Theory]
    [InlineData("9999-01-01", "9999-12-31")]
    [InlineData("0001-01-01", "0001-12-31")]
    [InlineData("2199-07-01", "2200-06-30")]
    public void A_fiscal_year_outside_the_window_is_refused(string start, string end) =>
        Should.Throw<DomainException>(() => new FiscalYear(
            Guid.NewGuid(), DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)))
            .Code.ShouldBe("date.out_of_range");

    [Fact]
    public void The_last_fiscal_year_of_the_window_opens()
    {
        var year = new FiscalYear(Guid.NewGuid(), new DateOnly(2199, 1, 1), BookkeepingDates.Latest);

        year.Months.ShouldBe(12);
    }

    private static Verification Post(VerificationDraft draft) =>
        Verification.Post(draft, Guid.NewGuid(), Guid.NewGuid(), 1, DateTimeOffset.UnixEpoch, Guid.NewGuid());

    // Pairs of lines: a debit on 1930 and a credit on 3001 of the same amount.
    private static VerificationDraft Draft(DateOnly date, int pairs, long ore) => new(
        date,
        "Försäljning",
        "Kund",
        "A",
        [
            .. Enumerable.Range(0, pairs).Select(_ => new VerificationLine(new AccountNumber(1930), ore, 0)),
            .. Enumerable.Range(0, pairs).Select(_ => new VerificationLine(new AccountNumber(3001), 0, ore)),
        ],
        []);
}
