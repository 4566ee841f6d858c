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

    [Theory]
    [InlineData("Org.nr: 550038-3500 oe", "559038-3500")] // "00" in digits 3-4 is neither a month nor 20 or more: only the third digit can be wrong
    [InlineData("Orgnr: $56663-a697", "556663-8697")] // "a" could be 6, 8 or 9; only 8 passes
    [InlineData("Orgnr: $56663-s697", "556663-8697")] // "s" could be 5 or 8
    [InlineData("Org.nr: 559750-59536", "559750-5956")] // eleven read: one is too many
    public void A_repair_must_give_a_number_that_could_have_been_issued(string line, string expected)
    {
        var found = ReceiptParties.OrgNumber([line])!.Value;

        found.Number.ToString().ShouldBe(expected);
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
    [InlineData("Momsregar: $£559750595601 |")]
    [InlineData("Momsregnr: $£559750-5956 01")]
    [InlineData("Momsreg.nr SE 559750 5956 01")]
    public void Reads_the_vat_number_in_its_printed_variants(string line) =>
        ReceiptParties.VatNumber([line])!.Value.Number.ToString().ShouldBe("SE559750595601");

    [Theory]
    [InlineData("TPO SES50841060201", "SE559841060201")] // written out without a label, a 9 read as a 0
    [InlineData("VAT nr: SE 559750-595a 01", "SE559750595601")]
    public void A_vat_number_is_repaired_like_an_organisation_number(string line, string expected)
    {
        var found = ReceiptParties.VatNumber([line])!.Value;

        found.Number.ToString().ShouldBe(expected);
        found.Confidence.ShouldBeLessThan(0.95);
    }

    [Fact]
    public void A_vat_number_read_with_a_digit_too_many_is_not_repaired() =>
        // SE556257213001 with "SE" read as "56" and a 0 as a 9: where the ten digits start is unsure.
        ReceiptParties.VatNumber(["Momsregnr: 5656257213901"]).ShouldBeNull();

    [Fact]
    public void A_vat_number_that_does_not_end_in_01_or_fails_the_luhn_check_is_ignored()
    {
        ReceiptParties.VatNumber(["Momsreg.nr: SE559750595602"]).ShouldBeNull();
        ReceiptParties.VatNumber(["Momsreg.nr: SE559750595101"]).ShouldBeNull();
    }
}
