using CleanLedger.Domain.Common;
using CleanLedger.Domain.Organizations;

namespace CleanLedger.Domain.Tests.Organizations;

public class OrgNumberTests
{
    [Theory]
    [InlineData("556677-8899", "556677-8899")]
    [InlineData("5566778899", "556677-8899")]
    [InlineData(" 556036-0793 ", "556036-0793")]
    [InlineData("212000-1355", "212000-1355")]
    public void Parses_numbers_with_a_valid_Luhn_check_digit(string text, string expected) =>
        OrgNumber.Parse(text).ToString().ShouldBe(expected);

    [Theory]
    [InlineData("556677-8898")] // wrong check digit
    [InlineData("556677-889")]
    [InlineData("556677-88990")]
    [InlineData("5566-778899")] // separator in the wrong place
    [InlineData("55667a-8899")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_anything_else(string? text)
    {
        OrgNumber.TryParse(text, out _).ShouldBeFalse();
        Should.Throw<DomainException>(() => OrgNumber.Parse(text)).Code.ShouldBe("org_number.invalid");
    }

    [Fact]
    public void Every_single_digit_change_breaks_the_check_digit()
    {
        const string valid = "5566778899";
        for (var position = 0; position < valid.Length; position++)
        {
            for (var digit = '0'; digit <= '9'; digit++)
            {
                if (digit == valid[position])
                    continue;
                var changed = valid[..position] + digit + valid[(position + 1)..];
                OrgNumber.TryParse(changed, out _).ShouldBeFalse(changed);
            }
        }
    }

    [Theory]
    [InlineData("556036-0793", true)] // aktiebolag
    [InlineData("212000-1355", true)] // municipality
    [InlineData("811218-9876", true)] // personnummer: 18 December
    [InlineData("811278-9873", true)] // samordningsnummer: day 18 + 60
    [InlineData("550038-3509", false)] // digits 3-4 neither a month nor 20 or more
    [InlineData("811232-9878", false)] // day 32
    [InlineData("456036-0796", false)] // no group 4
    public void Knows_which_numbers_can_be_issued(string text, bool issued) =>
        OrgNumber.Parse(text).CanBeIssued.ShouldBe(issued);
}
