using System.Reflection;
using CleanLedger.Domain.Ledger.Compliance;
using CleanLedger.Domain.Receipts;

namespace CleanLedger.Domain.Tests.Receipts;

public class ReviewReasonTextsTests
{
    // Every code the pipeline can give: the reason constants, the categories' reasons and a reason per compliance rule.
    public static TheoryData<string> EveryCode() => new(Codes());

    private static IEnumerable<string> Codes()
    {
        var constants = typeof(ReviewReasonCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.Name != nameof(ReviewReasonCodes.CompliancePrefix))
            .Select(field => (string)field.GetRawConstantValue()!);
        var categories = ExpenseCategories.All.Append(ExpenseCategories.Unknown).Select(category => category.ReviewReason).OfType<string>();
        var compliance = ComplianceEngine.Default.Rules.Select(rule => ReviewReasonCodes.Compliance(rule.Code));
        return constants.Concat(categories).Concat(compliance).Distinct();
    }

    [Theory]
    [MemberData(nameof(EveryCode))]
    public void Every_reason_the_pipeline_gives_says_what_to_check_in_Swedish_and_English(string code)
    {
        ReviewReasonTexts.All.ShouldContainKey(code);
        var text = ReviewReasonTexts.For(code);
        text.Swedish.ShouldNotBeNullOrWhiteSpace();
        text.English.ShouldNotBeNullOrWhiteSpace();
        text.Swedish.ShouldNotBe(text.English);
    }

    [Fact]
    public void The_table_holds_no_text_for_a_code_the_pipeline_cannot_give()
    {
        var codes = Codes().ToHashSet();

        ReviewReasonTexts.All.Keys.Where(code => !codes.Contains(code)).ShouldBeEmpty();
    }

    [Fact]
    public void Each_field_with_a_confidence_threshold_has_its_own_low_confidence_reason()
    {
        string[] fields = [ReceiptFields.Total, ReceiptFields.Date, ReceiptFields.Vat, ReceiptFields.PaymentMethod, ReceiptFields.Vendor];

        fields.Select(ReviewReasonCodes.LowConfidenceOf).ShouldBe(
            ["total.low_confidence", "date.low_confidence", "vat.low_confidence", "paymentMethod.low_confidence", "vendor.low_confidence"]);
        Should.Throw<ArgumentOutOfRangeException>(() => ReviewReasonCodes.LowConfidenceOf(ReceiptFields.ReceiptNumber));
    }

    [Fact]
    public void A_code_stored_before_its_text_existed_gets_the_general_instruction()
    {
        ReviewReasonTexts.For("something.new").ShouldBe(ReviewReasonTexts.General);
    }
}

public class CorrectedVatTests
{
    [Fact]
    public void One_rate_takes_the_net_as_the_gross_less_the_VAT_exactly()
    {
        CorrectedVat.Table(960_00, [new VatCorrection(25, 192_00)]).ShouldBe([new VatAmount(25, 192_00, 768_00)]);
    }

    [Fact]
    public void Several_rates_derive_each_net_from_its_rate_and_the_largest_takes_the_rounding_so_the_gross_adds_up()
    {
        // 17,56 net at 25 % prints 4,39 VAT; 89,10 net at 6 % prints 5,35: 116,40 in all.
        var table = CorrectedVat.Table(116_40, [new VatCorrection(25, 4_39), new VatCorrection(6, 5_35)]);

        table.ShouldBe([new VatAmount(25, 4_39, 17_56), new VatAmount(6, 5_35, 89_10)]);
        table.Sum(rate => rate.GrossOre).ShouldBe(116_40);
    }

    [Fact]
    public void A_zero_rate_takes_what_the_taxed_rates_leave()
    {
        var table = CorrectedVat.Table(300_00, [new VatCorrection(25, 20_00), new VatCorrection(0, 0)]);

        table.ShouldBe([new VatAmount(25, 20_00, 80_00), new VatAmount(0, 0, 200_00)]);
    }
}
