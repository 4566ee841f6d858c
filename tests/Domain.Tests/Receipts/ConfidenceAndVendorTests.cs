using CleanLedger.Domain.Organizations;
using CleanLedger.Domain.Receipts;

namespace CleanLedger.Domain.Tests.Receipts;

public class ConfidenceAndVendorTests
{
    private static ReceiptExtraction Read(Dictionary<string, double> confidence, string? vendor = "Circle K", string? orgNumber = "556123-4567") =>
        new(vendor, orgNumber, null, new DateOnly(2026, 5, 4), 500_00, "SEK", [new VatAmount(25, 100_00, 400_00)], PaymentMethod.Card, null, null, null,
            confidence, "heuristic");

    [Fact]
    public void Every_needed_field_at_or_above_its_threshold_gives_no_reason()
    {
        var confident = Read(new() { ["total"] = 0.95, ["date"] = 0.9, ["vat"] = 0.85, ["paymentMethod"] = 0.7, ["vendor"] = 0.5 });

        new ConfidenceThresholds().Check(confident).ShouldBeEmpty();
    }

    [Fact]
    public void Each_field_below_its_threshold_is_a_reason_naming_the_field()
    {
        var doubtful = Read(new() { ["total"] = 0.89, ["date"] = 0.95, ["vat"] = 0.2, ["paymentMethod"] = 0.9 });

        new ConfidenceThresholds().Check(doubtful).Select(reason => (reason.Code, reason.Field))
            .ShouldBe([("total.low_confidence", "total"), ("vat.low_confidence", "vat"), ("vendor.low_confidence", "vendor")]);
    }

    [Fact]
    public void The_thresholds_are_configurable()
    {
        var receipt = Read(new() { ["total"] = 0.7, ["date"] = 0.7, ["vat"] = 0.7, ["paymentMethod"] = 0.7, ["vendor"] = 0.7 });

        new ConfidenceThresholds(Total: 0.6, Date: 0.6, Vat: 0.6, PaymentMethod: 0.6, Vendor: 0.6).Check(receipt).ShouldBeEmpty();
    }

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
