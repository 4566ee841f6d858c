using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger;

namespace CleanLedger.Domain.Tests.Ledger;

public class AccountNumberTests
{
    [Theory]
    [InlineData(1000, 1)]
    [InlineData(1930, 1)]
    [InlineData(8999, 8)]
    public void Takes_BAS_numbers(int value, int accountClass)
    {
        var number = new AccountNumber(value);
        number.Value.ShouldBe(value);
        number.Class.ShouldBe(accountClass);
        AccountNumber.Parse(number.ToString()).ShouldBe(number);
    }

    [Theory]
    [InlineData(999)]
    [InlineData(9000)]
    [InlineData(0)]
    [InlineData(-1930)]
    public void Refuses_numbers_outside_1000_to_8999(int value) =>
        Should.Throw<DomainException>(() => new AccountNumber(value)).Code.ShouldBe("account.invalid");

    [Theory]
    [InlineData("1000", 1000)]
    [InlineData("8999", 8999)]
    public void Parses_four_digits(string text, int expected)
    {
        AccountNumber.TryParse(text, out var number).ShouldBeTrue();
        number.Value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("12a4")]
    [InlineData("999")]
    [InlineData("0999")]
    [InlineData("9000")]
    [InlineData("19300")]
    [InlineData(" 193")]
    [InlineData("+193")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_anything_else(string? text)
    {
        AccountNumber.TryParse(text, out _).ShouldBeFalse();
        Should.Throw<DomainException>(() => AccountNumber.Parse(text)).Code.ShouldBe("account.invalid");
    }
}
