using CleanLedger.Domain.Identity;

namespace CleanLedger.Domain.Tests.Identity;

public class PersonnummerTests
{
    [Theory]
    [InlineData("191212121212")] // Skatteverket's test number
    [InlineData("197010632391")] // a samordningsnummer: day of birth plus 60
    public void Reads_twelve_digits_with_a_month_a_day_and_a_valid_check_digit(string text)
    {
        Personnummer.TryParse(text, out var number).ShouldBeTrue();
        number!.Digits.ShouldBe(text);
    }

    [Theory]
    [InlineData("191212121213")] // wrong check digit
    [InlineData("1212121212")] // without the century
    [InlineData("19121212-1212")]
    [InlineData("191213121211")] // month 13, check digit right
    [InlineData("191212001216")] // day 0, check digit right
    [InlineData("19121212121a")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_anything_else(string? text) => Personnummer.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void Never_prints_its_digits()
    {
        Personnummer.TryParse("191212121212", out var number).ShouldBeTrue();

        $"{number}".ShouldNotContain("1212");
    }
}
