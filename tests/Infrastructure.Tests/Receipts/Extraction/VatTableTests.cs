using CleanLedger.Infrastructure.Receipts.Extraction;

namespace CleanLedger.Infrastructure.Tests.Receipts.Extraction;

/// <summary>VAT blocks in their many layouts, read by letting the arithmetic say which amount is which.</summary>
public sealed class VatTableTests
{
    [Fact]
    public void Reads_a_full_table_with_two_rates_highest_rate_first()
    {
        string[] lines = ["Moms%   Moms   Netto  Brutto", "6,00%    5,35   89,10   94,45", "25,00%   4,39   17,56   21,95"];

        VatTable.Read(lines).ShouldBe([new VatRow(25, 439, 2195), new VatRow(6, 535, 9445)]);
    }

    [Fact]
    public void Reads_an_underlag_table_where_the_net_precedes_the_vat()
    {
        string[] lines = ["Moms %  Underlag  Moms", "25%      255,92   63,98", "12%      176,87   21,23"];

        VatTable.Read(lines).ShouldBe([new VatRow(25, 6398, 31990), new VatRow(12, 2123, 19810)]);
    }

    [Fact]
    public void Reads_stacked_moms_and_netto_lines()
    {
        string[] lines = ["Moms 25% 59,00", "Netto 236,00", "Moms 12% 36,90", "Netto 307,50", "Summa moms 95,90"];

        VatTable.Read(lines).ShouldBe([new VatRow(25, 5900, 29500), new VatRow(12, 3690, 34440)]);
    }

    [Fact]
    public void A_varav_line_gives_the_vat_alone_for_the_total_to_complete()
    {
        string[] lines = ["ATT BETALA 116,40", "varav moms 25% 4,39", "varav moms 6% 5,35"];

        VatTable.Read(lines).ShouldBe([new VatRow(25, 439, null), new VatRow(6, 535, null)]);
    }

    [Fact]
    public void Reads_code_letter_rows_whose_rates_have_no_per_cent_sign()
    {
        string[] lines = ["Moms  Moms  Exkl.  Inkl.", "A 25   1,80   7,20   9,00", "B 12  19,65 163,78 183,43"];

        VatTable.Read(lines).ShouldBe([new VatRow(25, 180, 900), new VatRow(12, 1965, 18343)]);
    }

    [Fact]
    public void A_row_whose_rate_ocr_lost_takes_the_only_rate_its_amounts_fit()
    {
        string[] lines = ["Moms  Netto  Brutto", "' 51,30 205,20 256,50"];

        VatTable.Read(lines).ShouldBe([new VatRow(25, 5130, 25650)]);
    }

    [Fact]
    public void One_misread_amount_of_three_is_outvoted_by_the_two_that_agree()
    {
        // The gross 9,00 read as 3,00: VAT and net still agree with each other.
        string[] lines = ["Moms% Moms Netto Brutto", "25,00% 1,80 7,20 3,00"];

        VatTable.Read(lines).ShouldBe([new VatRow(25, 180, 900)]);
    }

    [Theory]
    [InlineData("254 230,40 57,60")]
    [InlineData("25,003 230,40 57,60")]
    [InlineData("Moms 2596 (på 230,40) 57,60")]
    public void A_per_cent_sign_misread_as_a_digit_still_gives_the_rate(string row) =>
        VatTable.Read(["Moms % Underlag Moms", row]).ShouldBe([new VatRow(25, 5760, 28800)]);

    [Fact]
    public void A_rate_followed_by_an_amount_is_not_read_as_thousands()
    {
        string[] lines = ["varav moms 25 517,81", "Summa exkl. moms 2 071,24"];

        VatTable.Read(lines).ShouldBe([new VatRow(25, 51781, 258905)]);
    }

    [Fact]
    public void Item_lines_with_quantities_are_not_vat_rows()
    {
        string[] lines = ["Gipsskiva 13mm", "4x 86,95 347,80", "Folköl 3,5% 50cl 2st 35,80"];

        VatTable.Read(lines).ShouldBeEmpty();
    }
}
