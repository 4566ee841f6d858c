using CleanLedger.Domain.Organizations;
using CleanLedger.Domain.Receipts;
using CleanLedger.Domain.Receipts.Reading;

namespace CleanLedger.Domain.Tests.Receipts;

public class ConfidenceAndVendorTests
{
    private static ReceiptExtraction Read(Dictionary<string, double> confidence, string? vendor = "Circle K", string? orgNumber = "556123-4567") =>
        new(vendor, orgNumber, null, new DateOnly(2026, 5, 4), 500_00, "SEK", [new VatAmount(25, 100_00, 400_00)], PaymentMethod.Card, null, null, null,
            confidence, "heuristic");

    // Total, date and VAT judged on calibrated probabilities: here the raw score itself, against 0.9.
    private static readonly ConfidenceThresholds Thresholds = new()
    {
        Calibration = new ConfidenceCalibration(new Dictionary<string, IsotonicMap>(), AutopostProbability: 0.9),
    };

    [Fact]
    public void Every_needed_field_at_or_above_its_threshold_gives_no_reason()
    {
        var confident = Read(new() { ["total"] = 0.95, ["date"] = 0.9, ["vat"] = 0.9, ["paymentMethod"] = 0.7, ["vendor"] = 0.5 });

        Thresholds.Check(confident).ShouldBeEmpty();
    }

    [Fact]
    public void Each_field_below_its_threshold_is_a_reason_naming_the_field()
    {
        var doubtful = Read(new() { ["total"] = 0.89, ["date"] = 0.95, ["vat"] = 0.2, ["paymentMethod"] = 0.9 });

        Thresholds.Check(doubtful).Select(reason => (reason.Code, reason.Field))
            .ShouldBe([("total.low_confidence", "total"), ("vat.low_confidence", "vat"), ("vendor.low_confidence", "vendor")]);
    }

    [Fact]
    public void Total_date_and_vat_are_judged_on_their_calibrated_probability()
    {
        var receipt = Read(new() { ["total"] = 0.7, ["date"] = 0.7, ["vat"] = 0.7, ["paymentMethod"] = 0.7, ["vendor"] = 0.7 });
        var map = new IsotonicMap([new(0, 0.1), new(0.65, 0.995)]);
        var calibrated = new ConfidenceThresholds { Calibration = new ConfidenceCalibration(new Dictionary<string, IsotonicMap> { ["total"] = map, ["date"] = map, ["vat"] = map }, 0.99) };

        calibrated.Check(receipt).ShouldBeEmpty();
        calibrated.Check(Read(new() { ["total"] = 0.6, ["date"] = 0.7, ["vat"] = 0.7, ["paymentMethod"] = 0.7, ["vendor"] = 0.7 }))
            .Select(reason => reason.Code).ShouldBe(["total.low_confidence"]);
    }

    [Fact]
    public void A_vat_derived_from_the_total_is_judged_on_the_map_of_derived_vat()
    {
        var receipt = Read(new() { ["total"] = 0.95, ["date"] = 0.95, ["paymentMethod"] = 0.7, ["vendor"] = 0.7 }) with { Vat = [] };
        var thresholds = new ConfidenceThresholds
        {
            Calibration = new ConfidenceCalibration(new Dictionary<string, IsotonicMap> { [ConfidenceCalibration.DerivedVat] = new([new(0, 0.4)]) }, 0.9),
        };

        thresholds.Check(receipt, vatDerived: true).Select(reason => reason.Code).ShouldBe(["vat.low_confidence"]);
        thresholds.Check(receipt, vatDerived: false).ShouldBeEmpty();
    }

    [Fact]
    public void The_fitted_calibration_is_what_the_product_uses_by_default() =>
        new ConfidenceThresholds().Calibration.ShouldBeSameAs(ConfidenceCalibration.Fitted);

    [Fact]
    public void A_vendor_is_known_by_its_organisation_number_first_and_by_its_name()
    {
        VendorKey.Of(Read([], vendor: "  Circle K   Kungsgatan ")).ShouldBe(["org:5561234567", "name:circle k kungsgatan"]);
        VendorKey.Of(Read([], vendor: "CIRCLE K KUNGSGATAN", orgNumber: null)).ShouldBe(["name:circle k kungsgatan"]);
        VendorKey.Of(Read([], vendor: null, orgNumber: "556123-4568")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("556123-4567", false)]
    [InlineData("212000-1355", false)]
    [InlineData("811218-9876", true)]
    public void A_personnummer_is_a_sole_trader(string number, bool soleTrader) =>
        OrgNumber.Parse(number).IsSoleTrader.ShouldBe(soleTrader);
}
