using CleanLedger.Domain.Common;

namespace CleanLedger.Domain.Tests.Common;

public class MoneyTests
{
    [Theory]
    [InlineData(0, 2500, 0)]
    [InlineData(1, 2500, 0)] // 0.25
    [InlineData(2, 2500, 1)] // 0.5 rounds up
    [InlineData(-2, 2500, -1)] // -0.5 rounds away from zero
    [InlineData(3, 2500, 1)] // 0.75
    [InlineData(-3, 2500, -1)]
    [InlineData(6, 2500, 2)] // 1.5
    [InlineData(-6, 2500, -2)]
    [InlineData(4, 1200, 0)] // 0.48
    [InlineData(5, 1200, 1)] // 0.6
    [InlineData(-5, 1200, -1)]
    [InlineData(24, 600, 1)] // 1.44
    [InlineData(25, 600, 2)] // 1.5
    [InlineData(-25, 600, -2)]
    [InlineData(1, 5000, 1)] // 0.5
    [InlineData(-1, 5000, -1)]
    [InlineData(200_00, 2500, 50_00)]
    [InlineData(300_00, 1200, 36_00)]
    [InlineData(100_00, 600, 6_00)]
    [InlineData(long.MaxValue, 10_000, long.MaxValue)]
    [InlineData(long.MinValue, 10_000, long.MinValue)]
    [InlineData(long.MaxValue, 2500, 2305843009213693952)] // 2305843009213693951.75, no overflow in the product
    public void ApplyRate_rounds_half_away_from_zero(long ore, int basisPoints, long expected) =>
        Money.ApplyRate(ore, basisPoints).ShouldBe(expected);

    [Theory]
    [InlineData("1234.50", 123450)]
    [InlineData("1234.5", 123450)]
    [InlineData("-3", -300)]
    [InlineData("0.5", 50)]
    [InlineData("0", 0)]
    [InlineData("0.01", 1)]
    [InlineData("1000000000000000", 100000000000000000)]
    [InlineData("-1000000000000000", -100000000000000000)]
    public void TryParseKronor_accepts_kronor_with_at_most_two_decimals(string text, long expected)
    {
        Money.TryParseKronor(text, out var ore).ShouldBeTrue();
        ore.ShouldBe(expected);
    }

    [Theory]
    [InlineData("1.234")]
    [InlineData("0.001")]
    [InlineData("abc")]
    [InlineData("1,50")]
    [InlineData("1 000")]
    [InlineData(" 12")]
    [InlineData("1e3")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("1000000000000000.01")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    public void TryParseKronor_rejects_anything_else(string? text)
    {
        Money.TryParseKronor(text, out var ore).ShouldBeFalse();
        ore.ShouldBe(0);
    }

    [Theory]
    [InlineData(0, "0.00")]
    [InlineData(5, "0.05")]
    [InlineData(-5, "-0.05")]
    [InlineData(100, "1.00")]
    [InlineData(123456, "1234.56")]
    [InlineData(-123456, "-1234.56")]
    [InlineData(long.MaxValue, "92233720368547758.07")]
    [InlineData(long.MinValue, "-92233720368547758.08")]
    public void FormatKronor_prints_two_decimals(long ore, string expected) =>
        Money.FormatKronor(ore).ShouldBe(expected);

    [Fact]
    public void ToString_names_the_currency() =>
        Money.FromOre(-123456).ToString().ShouldBe("-1234.56 SEK");

    [Fact]
    public void Adds_and_subtracts_in_one_currency()
    {
        (Money.FromOre(250_00) + Money.FromOre(-50_00)).ShouldBe(Money.FromOre(200_00));
        (Money.FromOre(250_00) - Money.FromOre(50_00)).ShouldBe(Money.FromOre(200_00));
    }

    [Fact]
    public void Refuses_to_combine_currencies() =>
        Should.Throw<DomainException>(() => Money.FromOre(1) + Money.FromOre(1, "EUR")).Code.ShouldBe("money.currency_mismatch");

    [Fact]
    public void Overflow_throws_instead_of_wrapping() =>
        Should.Throw<OverflowException>(() => Money.FromOre(long.MaxValue) + Money.FromOre(1));
}
