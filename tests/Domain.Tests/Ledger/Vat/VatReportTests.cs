using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger.Vat;
using CleanLedger.Domain.Organizations;

namespace CleanLedger.Domain.Tests.Ledger.Vat;

public class VatReportTests
{
    [Theory]
    [InlineData("2026-11", VatPeriod.Monthly, "2026-11-01", "2026-11-30")]
    [InlineData("2024-02", VatPeriod.Monthly, "2024-02-01", "2024-02-29")]
    [InlineData("2026-Q1", VatPeriod.Quarterly, "2026-01-01", "2026-03-31")]
    [InlineData("2026-Q4", VatPeriod.Quarterly, "2026-10-01", "2026-12-31")]
    [InlineData("2026", VatPeriod.Yearly, "2026-01-01", "2026-12-31")]
    [InlineData("1900-01", VatPeriod.Monthly, "1900-01-01", "1900-01-31")]
    [InlineData("2199-Q4", VatPeriod.Quarterly, "2199-10-01", "2199-12-31")]
    public void Periods_are_written_as_the_organisation_files(string text, VatPeriod filing, string from, string to)
    {
        var period = VatReportPeriod.Parse(text, filing);

        (period.From, period.To).ShouldBe((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-11", VatPeriod.Quarterly)]
    [InlineData("2026-Q4", VatPeriod.Monthly)]
    [InlineData("2026", VatPeriod.Monthly)]
    [InlineData("2026-13", VatPeriod.Monthly)]
    [InlineData("2026-Q5", VatPeriod.Quarterly)]
    [InlineData("26-11", VatPeriod.Monthly)]
    [InlineData("0000-01", VatPeriod.Monthly)]
    [InlineData("9999-12", VatPeriod.Monthly)]
    [InlineData("9999-Q4", VatPeriod.Quarterly)]
    [InlineData("9999", VatPeriod.Yearly)]
    [InlineData("1899-12", VatPeriod.Monthly)]
    [InlineData("2200-01", VatPeriod.Monthly)]
    public void A_period_the_organisation_does_not_file_is_refused(string text, VatPeriod filing) =>
        Should.Throw<DomainException>(() => VatReportPeriod.Parse(text, filing)).Code.ShouldBe("vat_period.invalid");

    [Fact]
    public void Sales_purchases_and_reverse_charge_land_in_their_boxes_and_49_is_what_to_pay()
    {
        var net = new Dictionary<int, Int128>
        {
            [3001] = -1000_00, [2611] = -250_00,            // domestic sale 25 %
            [3002] = -200_00, [2621] = -24_00,              // domestic sale 12 %
            [6110] = 200_00, [2641] = 50_00 + 250_00,       // purchase with VAT + deductible reverse-charge VAT
            [4531] = 1000_00, [2614] = -250_00,             // non-EU services, reverse charge
            [3108] = -500_00,                               // EU goods sale, zero-rated
            [1930] = 1674_00,
        };

        var boxes = VatBoxes.Compute(net);

        boxes["05"].ShouldBe(1200);
        boxes["10"].ShouldBe(250);
        boxes["11"].ShouldBe(24);
        boxes["22"].ShouldBe(1000);
        boxes["30"].ShouldBe(250);
        boxes["35"].ShouldBe(500);
        boxes["48"].ShouldBe(300);
        boxes["49"].ShouldBe(250 + 24 + 250 - 300);
        boxes.Keys.ShouldBe(["05", "10", "11", "12", "20", "21", "22", "23", "24", "30", "31", "32", "35", "36", "39", "40", "41", "42", "48", "49", "50", "60", "61", "62"]);
    }

    [Fact]
    public void Ore_are_dropped_from_each_box_and_49_uses_the_reported_figures()
    {
        var boxes = VatBoxes.Compute(new Dictionary<int, Int128> { [2611] = -250_99, [2641] = 100_99, [3001] = -1003_96 });

        boxes["10"].ShouldBe(250);
        boxes["48"].ShouldBe(100);
        boxes["05"].ShouldBe(1003);
        boxes["49"].ShouldBe(150);
    }

    [Fact]
    public void Boxes_hold_totals_past_the_range_of_a_long()
    {
        var pastLong = (Int128)long.MaxValue * 3;

        var boxes = VatBoxes.Compute(new Dictionary<int, Int128> { [2611] = -pastLong, [2612] = -pastLong, [2641] = pastLong });

        boxes["10"].ShouldBe(pastLong * 2 / 100);
        boxes["48"].ShouldBe(pastLong / 100);
        boxes["49"].ShouldBe((pastLong * 2 / 100) - (pastLong / 100));
    }
}
