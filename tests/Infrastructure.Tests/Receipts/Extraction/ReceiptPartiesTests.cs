using CleanLedger.Infrastructure.Receipts.Extraction;

namespace CleanLedger.Infrastructure.Tests.Receipts.Extraction;

/// <summary>Organisation and VAT numbers: labels, Luhn check digits and cautious OCR repair.</summary>
public sealed class ReceiptPartiesTests
{
    [Theory]
    [InlineData("Org.nr: 559750-5956")]
    [InlineData("Org nr 559750-5956")]
    [InlineData("Orgnr:559750-5956")]
    [InlineData("Organisationsnr: 559750-5956")]
    [InlineData("Org.nr. 5597505956")]
    [InlineData("Org.nr: 559750-S956")]
    public void Reads_a_labelled_organisation_number_with_a_valid_check_digit(string line)
    {
        var found = ReceiptParties.OrgNumber(["Pressgrottan", line])!.Value;

        found.Number.ToString().ShouldBe("559750-5956");
        found.Confidence.ShouldBeGreaterThanOrEqualTo(0.9);
    }

    [Fact]
    public void A_single_misread_digit_is_repaired_only_when_exactly_one_fix_passes_the_luhn_check_and_then_with_low_confidence()
    {
        // 559750-5956 with its 9 read as a 3.
        var found = ReceiptParties.OrgNumber(["Orgnr: 553750-5956"])!.Value;

        found.Number.ToString().ShouldBe("559750-5956");
        found.Confidence.ShouldBeLessThan(0.5);
    }

    [Fact]
    public void A_table_border_after_a_short_number_is_not_read_as_its_last_digit() =>
        ReceiptParties.OrgNumber(["org nr 55603-0974 |"]).ShouldBeNull();

    [Fact]
    public void A_number_with_several_possible_repairs_is_not_guessed() =>
        ReceiptParties.OrgNumber(["Orgnr: 559150-5956"]).ShouldBeNull();

    [Theory]
    [InlineData("Momsreg.nr: SE559750595601")]
    [InlineData("VAT nr: SE 559750-5956 01")]
    [InlineData("Momsregnr: $£559750595601")]
    [InlineData("SE559750595601")]
    public void Reads_the_vat_number_in_its_printed_variants(string line) =>
        ReceiptParties.VatNumber([line])!.Value.Number.ToString().ShouldBe("SE559750595601");

    [Fact]
    public void A_vat_number_that_does_not_end_in_01_or_fails_the_luhn_check_is_ignored()
    {
        ReceiptParties.VatNumber(["Momsreg.nr: SE559750595602"]).ShouldBeNull();
        ReceiptParties.VatNumber(["Momsreg.nr: SE559750595101"]).ShouldBeNull();
    }
}
