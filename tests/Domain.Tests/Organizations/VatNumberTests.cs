using CleanLedger.Domain.Common;
using CleanLedger.Domain.Organizations;

namespace CleanLedger.Domain.Tests.Organizations;

public class VatNumberTests
{
    [Theory]
    [InlineData("SE556677889901", "SE556677889901")]
    [InlineData("se 556677-8899 01", "SE556677889901")]
    [InlineData("SE 5560360793 01", "SE556036079301")]
    public void Parses_se_plus_a_valid_organisation_number_plus_01(string text, string expected)
    {
        var number = VatNumber.Parse(text);

        number.ToString().ShouldBe(expected);
        number.OrgNumber.ShouldBe(OrgNumber.Parse(expected[2..12]));
    }

    [Theory]
    [InlineData("SE556677889801")] // check digit of the organisation number is wrong
    [InlineData("SE556677889902")] // must end in 01
    [InlineData("DK556677889901")]
    [InlineData("SE5566778899")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_anything_else(string? text) =>
        Should.Throw<DomainException>(() => VatNumber.Parse(text)).Code.ShouldBe("vat_number.invalid");

    [Fact]
    public void Is_derived_from_the_organisation_number() =>
        VatNumber.For(OrgNumber.Parse("556677-8899")).ToString().ShouldBe("SE556677889901");
}
