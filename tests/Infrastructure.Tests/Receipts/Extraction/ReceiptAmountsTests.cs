using CleanLedger.Infrastructure.Receipts.Extraction;

namespace CleanLedger.Infrastructure.Tests.Receipts.Extraction;

/// <summary>Money as printed on receipts, in öre: Swedish and foreign separators, signs and OCR noise.</summary>
public sealed class ReceiptAmountsTests
{
    [Theory]
    [InlineData("Summa 1 234,50", 123450)]
    [InlineData("Summa 1.234,50", 123450)]
    [InlineData("Summa 1234,50", 123450)]
    [InlineData("Total 1234.50", 123450)]
    [InlineData("Total 1,234.56", 123456)]
    [InlineData("Summe 12,34 €", 1234)]
    [InlineData("Kaffe 29:-", 2900)]
    [InlineData("Belopp 80 kr", 8000)]
    [InlineData("TOTAL RM5.00", 500)]
    public void Reads_amounts_with_comma_or_dot_decimals_and_thousands_separators(string line, long ore) =>
        ReceiptAmounts.Last(line).ShouldBe(ore);

    [Theory]
    [InlineData("Rabatt -12,90", -1290)]
    [InlineData("Medlemspris 12,90-", -1290)]
    [InlineData("Öresavrundning -0,44", -44)]
    public void A_leading_or_trailing_minus_makes_a_discount_or_return_negative(string line, long ore) =>
        ReceiptAmounts.Last(line).ShouldBe(ore);

    [Theory]
    [InlineData("Glass vanilj 1,5L 47,O9", 4709)]
    [InlineData("Summa exkl. moms 106, 66", 10666)]
    [InlineData("Mjölk 1l 1S,95", 1595)]
    [InlineData("TOTAL RMS.00", 500)]
    [InlineData("Kort I 145,15", 114515)]
    [InlineData("Totalt | 779,50", 77950)]
    public void Undoes_the_usual_ocr_letter_for_digit_confusions_inside_numbers(string line, long ore) =>
        ReceiptAmounts.Last(line).ShouldBe(ore);

    [Theory]
    [InlineData("Folköl 3,5% 50cl")]
    [InlineData("1,234 kg")]
    [InlineData("Datum 23.01.2026 kl 14:32")]
    [InlineData("2026-01-23 18:23")]
    [InlineData("Tel: 040-35 24 08")]
    public void Percentages_weights_dates_times_and_phone_numbers_are_not_money(string line) =>
        ReceiptAmounts.Find(line).ShouldBeEmpty();

    [Fact]
    public void Finds_every_amount_of_a_table_row_left_to_right() =>
        ReceiptAmounts.Find("25,00% 4,39 17,56 21,95").Select(a => a.Ore).ShouldBe([2500, 439, 1756, 2195]);
}
