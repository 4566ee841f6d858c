using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.Verifications;
using CleanLedger.Domain.Receipts;
using CleanLedger.Domain.Receipts.Reading;

namespace CleanLedger.Domain.Tests.Receipts;

public class VendorHistoryTests
{
    private static ReceiptExtraction Read(long total, string? orgNumber = "556527-0815", params VatAmount[] vat) =>
        new("Ljungs Maskinservice", orgNumber, null, new DateOnly(2026, 11, 2), total, "SEK", vat, PaymentMethod.Card, null, null, null,
            new Dictionary<string, double> { ["total"] = 0.55, ["date"] = 0.95, ["vat"] = 0.5, ["paymentMethod"] = 0.9, ["vendor"] = 0.9 }, "heuristic");

    private static VerificationDraft Posted(int costAccount, int paidFrom, long net, long vat) =>
        new(new DateOnly(2026, 11, 2), "Kvitto", null, VerificationDraft.DefaultSeries,
            [new(new AccountNumber(costAccount), net, 0, VatCode.Vat25), new(new AccountNumber(2641), vat, 0), new(new AccountNumber(paidFrom), 0, net + vat)], []);

    [Fact]
    public void An_approval_teaches_the_account_the_rates_the_paying_account_the_organisation_number_and_the_total()
    {
        var learned = VendorHistory.Learned(Read(1000_00, vat: new VatAmount(25, 200_00, 800_00)), Posted(5410, 2893, 800_00, 200_00), 5410);

        learned.VatRates.ShouldBe([25]);
        (learned.Account, learned.CreditAccount, learned.OrgNumber, learned.SmallestTotalOre, learned.LargestTotalOre, learned.Receipts)
            .ShouldBe((5410, (int?)2893, "5565270815", 1000_00L, 1000_00L, 1));
    }

    [Fact]
    public void A_later_approval_wins_for_account_and_payment_while_rates_and_totals_accumulate()
    {
        var earlier = new VendorHistory(5410, [25], 2893, "5565270815", 1000_00, 1000_00);
        var later = new VendorHistory(6110, [12], 1930, "5565270815", 300_00, 300_00);

        var both = earlier.Then(later);

        both.VatRates.ShouldBe([12, 25]);
        (both.Account, both.CreditAccount, both.SmallestTotalOre, both.LargestTotalOre, both.Receipts).ShouldBe((6110, (int?)1930, 300_00L, 1000_00L, 2));
    }

    [Fact]
    public void One_receipt_is_not_a_vat_pattern_two_with_the_same_single_rate_are()
    {
        var once = new VendorHistory(5611, [25], 1930, null, 500_00, 500_00);

        once.SingleVatRate.ShouldBeNull();
        once.Then(once).SingleVatRate.ShouldBe(25);
        once.Then(once with { VatRates = [12] }).SingleVatRate.ShouldBeNull();
    }

    [Theory]
    [InlineData("556527-0815", 500_00, 25, true, true, true)]
    [InlineData("556123-4567", 500_00, 25, false, true, true)]
    [InlineData("556527-0815", 500_00, 12, true, false, true)]
    [InlineData("556527-0815", 5000_00, 25, true, true, false)]
    [InlineData("556527-0815", 20_00, 25, true, true, false)]
    public void A_reading_agrees_with_the_history_where_it_shows_the_same_organisation_number_rates_and_a_plausible_total(
        string orgNumber, long total, int rate, bool sameOrg, bool sameRates, bool plausible)
    {
        var history = new VendorHistory(5410, [25], 1930, "5565270815", 400_00, 1000_00);

        history.AgreementWith(Read(total, orgNumber, new VatAmount(rate, total / 5, total - (total / 5))))
            .ShouldBe(new VendorAgreement(sameOrg, sameRates, plausible));
    }

    [Fact]
    public void Agreement_raises_the_odds_of_the_amounts_it_bears_on_and_leaves_the_date_alone()
    {
        var all = new VendorAgreement(true, true, true);

        all.Confirm(ReceiptFields.Vat, 0.8).ShouldBe(0.8 * 4 / ((0.8 * 4) + 0.2), 1e-12);
        all.Confirm(ReceiptFields.Total, 0.8).ShouldBe(0.8 * 4 / ((0.8 * 4) + 0.2), 1e-12);
        new VendorAgreement(true, false, true).Confirm(ReceiptFields.Total, 0.8).ShouldBe(0.8 * 2 / ((0.8 * 2) + 0.2), 1e-12);
        all.Confirm(ReceiptFields.Date, 0.8).ShouldBe(0.8);
        VendorAgreement.None.Confirm(ReceiptFields.Vat, 0.8).ShouldBe(0.8);
    }

    [Fact]
    public void A_receipt_held_on_its_own_posts_when_it_agrees_with_the_vendors_history()
    {
        var thresholds = new ConfidenceThresholds
        {
            Calibration = new ConfidenceCalibration(
                new Dictionary<string, IsotonicMap> { ["total"] = new([new(0, 0.6)]), ["date"] = new([new(0, 0.99)]), ["vat"] = new([new(0, 0.6)]) }, 0.85),
        };
        var receipt = Read(500_00, vat: new VatAmount(25, 100_00, 400_00));
        var history = new VendorHistory(5410, [25], 1930, "5565270815", 400_00, 1000_00);

        thresholds.Check(receipt).Select(reason => reason.Code).ShouldBe(["total.low_confidence", "vat.low_confidence"]);
        thresholds.Check(receipt, history.AgreementWith(receipt)).ShouldBeEmpty();
    }
}
