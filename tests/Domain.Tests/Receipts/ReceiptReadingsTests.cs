using CleanLedger.Domain.Receipts;

namespace CleanLedger.Domain.Tests.Receipts;

public class ReceiptReadingsTests
{
    private static ReceiptExtraction Reading(
        Dictionary<string, double> confidence,
        long? total = 500_00,
        DateOnly? date = null,
        IReadOnlyList<VatAmount>? vat = null,
        string? orgNumber = "556123-4567",
        string? vatNumber = null,
        string? vendor = "Circle K",
        PaymentMethod? payment = PaymentMethod.Card,
        long? tip = null,
        long? rounding = null) =>
        new(vendor, orgNumber, vatNumber, date ?? new DateOnly(2026, 5, 4), total, "SEK", vat ?? [new VatAmount(25, 100_00, 400_00)], payment, null, tip, rounding,
            confidence, "heuristic");

    [Fact]
    public void Amounts_come_together_from_the_reading_surer_of_both_total_and_vat()
    {
        var first = Reading(new() { ["total"] = 0.98, ["vat"] = 0.3 }, total: 500_00, vat: [new VatAmount(25, 90_00, 410_00)], tip: 10_00);
        var second = Reading(new() { ["total"] = 0.93, ["vat"] = 0.9 }, total: 512_00, vat: [new VatAmount(25, 102_00, 408_00)], rounding: 2_00);

        var combined = ReceiptReadings.Combine(first, second);

        combined.TotalOre.ShouldBe(512_00);
        combined.Vat.ShouldBe([new VatAmount(25, 102_00, 408_00)]);
        combined.TipOre.ShouldBeNull();
        combined.RoundingOre.ShouldBe(2_00);
        // Each is disputed by the other reading's different value, in proportion to its confidence.
        combined.ConfidenceOf(ReceiptFields.Total).ShouldBe(0.93 * (1 - (0.98 / 2)), 1e-9);
        combined.ConfidenceOf(ReceiptFields.Vat).ShouldBe(0.9 * (1 - (0.3 / 2)), 1e-9);
    }

    [Fact]
    public void Two_readings_of_the_same_value_confirm_it_by_half_of_an_independent_confirmation()
    {
        var first = Reading(new() { ["total"] = 0.8, ["vat"] = 0.8, ["date"] = 0.6 });
        var second = Reading(new() { ["total"] = 0.6, ["vat"] = 0.8, ["date"] = 0.6 });

        var combined = ReceiptReadings.Combine(first, second);

        combined.ConfidenceOf(ReceiptFields.Total).ShouldBe(0.8 + (0.2 * 0.6 / 2), 1e-9);
        combined.ConfidenceOf(ReceiptFields.Date).ShouldBe(0.6 + (0.4 * 0.6 / 2), 1e-9);
        combined.ConfidenceOf(ReceiptFields.Date).ShouldBeLessThan(new ConfidenceThresholds().Date);
    }

    [Fact]
    public void A_date_read_differently_by_the_other_pass_loses_its_autopost_confidence_but_a_vendor_spelled_differently_does_not()
    {
        var first = Reading(new() { ["date"] = 0.95, ["vendor"] = 0.7 }, date: new DateOnly(2025, 6, 21), vendor: "Parkera Mera");
        var second = Reading(new() { ["date"] = 0.9, ["vendor"] = 0.6 }, date: new DateOnly(2025, 6, 1), vendor: "Parkcra Mera");

        var combined = ReceiptReadings.Combine(first, second);

        (combined.Date, combined.Vendor).ShouldBe((new DateOnly(2025, 6, 21), "Parkera Mera"));
        combined.ConfidenceOf(ReceiptFields.Date).ShouldBeLessThan(new ConfidenceThresholds().Date);
        combined.ConfidenceOf(ReceiptFields.Vendor).ShouldBe(0.7);
    }

    [Fact]
    public void A_missing_vat_table_weighs_as_zero_so_a_total_alone_does_not_win_the_amounts()
    {
        var first = Reading(new() { ["total"] = 0.6, ["vat"] = 0.6 }, total: 500_00);
        var second = Reading(new() { ["total"] = 0.98 }, total: 499_00, vat: []);

        var combined = ReceiptReadings.Combine(first, second);

        combined.TotalOre.ShouldBe(500_00);
        combined.Vat.ShouldHaveSingleItem();
    }

    [Fact]
    public void Each_group_is_chosen_on_its_own()
    {
        var first = Reading(new() { ["total"] = 0.95, ["vat"] = 0.9, ["date"] = 0.6, ["orgNumber"] = 0.98, ["vatNumber"] = 0.98, ["vendor"] = 0.4 },
            date: new DateOnly(2026, 5, 4), orgNumber: "556123-4567", vatNumber: "SE556123456701", vendor: "Circle K");
        var second = Reading(new() { ["total"] = 0.6, ["vat"] = 0.6, ["date"] = 0.95, ["orgNumber"] = 0.4, ["vendor"] = 0.7, ["paymentMethod"] = 0.9 },
            total: 400_00, date: new DateOnly(2026, 5, 14), orgNumber: "556123-4568", vendor: "Circle K Kungsgatan", payment: PaymentMethod.Swish);

        var combined = ReceiptReadings.Combine(first, second);

        combined.TotalOre.ShouldBe(500_00);
        combined.Date.ShouldBe(new DateOnly(2026, 5, 14));
        (combined.OrgNumber, combined.VatNumber).ShouldBe(("556123-4567", "SE556123456701"));
        combined.Vendor.ShouldBe("Circle K Kungsgatan");
        combined.PaymentMethod.ShouldBe(PaymentMethod.Swish);
        combined.Confidence.Keys.ShouldBe(["total", "vat", "date", "orgNumber", "vatNumber", "vendor", "paymentMethod"], ignoreOrder: true);
        // Fields the other reading did not find keep the chosen reading's confidence.
        (combined.ConfidenceOf("vatNumber"), combined.ConfidenceOf("vendor"), combined.ConfidenceOf("paymentMethod")).ShouldBe((0.98, 0.7, 0.9));
    }

    [Fact]
    public void Organisation_and_vat_number_are_never_mixed_from_two_readings()
    {
        var first = Reading(new() { ["orgNumber"] = 0.5, ["vatNumber"] = 0.9 }, orgNumber: "556123-4567", vatNumber: "SE556123456801");
        var second = Reading(new() { ["orgNumber"] = 0.8 }, orgNumber: "556123-4568", vatNumber: null);

        var combined = ReceiptReadings.Combine(first, second);

        (combined.OrgNumber, combined.VatNumber).ShouldBe(("556123-4568", null));
        combined.Confidence.ShouldNotContainKey("vatNumber");
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.915)]
    public void Ties_and_near_ties_keep_the_first_reading(double secondConfidence)
    {
        var first = Reading(new() { ["total"] = 0.9, ["vat"] = 0.9, ["date"] = 0.9 }, total: 500_00, date: new DateOnly(2026, 5, 4));
        var second = Reading(new() { ["total"] = secondConfidence, ["vat"] = secondConfidence, ["date"] = secondConfidence }, total: 600_00, date: new DateOnly(2026, 6, 4));
        var surer = Reading(new() { ["total"] = 0.93, ["vat"] = 0.93, ["date"] = 0.93 }, total: 600_00, date: new DateOnly(2026, 6, 4));

        var combined = ReceiptReadings.Combine(first, second);
        var overruled = ReceiptReadings.Combine(first, surer);

        (combined.TotalOre, combined.Date).ShouldBe((500_00, new DateOnly(2026, 5, 4)));
        (overruled.TotalOre, overruled.Date).ShouldBe((600_00, new DateOnly(2026, 6, 4)));
    }

    [Fact]
    public void A_field_only_one_reading_found_comes_from_that_reading()
    {
        var first = new ReceiptExtraction(null, null, null, null, null, "SEK", [], null, null, null, null, new Dictionary<string, double> { ["currency"] = 0.9 }, "heuristic");
        var second = Reading(new() { ["date"] = 0.6, ["paymentMethod"] = 0.5, ["total"] = 0.6, ["vat"] = 0.6 }, payment: PaymentMethod.Cash);

        var combined = ReceiptReadings.Combine(first, second);

        (combined.Date, combined.PaymentMethod, combined.TotalOre).ShouldBe((new DateOnly(2026, 5, 4), PaymentMethod.Cash, 500_00));
        combined.OrgNumber.ShouldBeNull();
    }

    [Theory]
    [InlineData(0.95, 0.95, 0.9, true, false)]
    [InlineData(0.89, 0.95, 0.9, true, true)]
    [InlineData(0.95, 0.5, 0.9, true, true)]
    [InlineData(0.95, 0.95, 0.5, true, true)]
    [InlineData(0.95, 0.95, 0.9, false, true)]
    public void The_thresholds_doubt_a_reading_whose_total_date_or_vat_is_low_or_missing(double total, double date, double vat, bool hasVat, bool doubted)
    {
        var reading = Reading(new() { ["total"] = total, ["date"] = date, ["vat"] = vat }, vat: hasVat ? null : []);

        new ConfidenceThresholds().Doubts(reading).ShouldBe(doubted);
    }
}
