using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Receipts;

namespace CleanLedger.Domain.Tests.Receipts;

public class ReceiptProposerTests
{
    private static readonly Guid DocumentId = Guid.Parse("0197a000-0000-7000-8000-00000000d0c1");
    private static readonly ReceiptPayment CompanyCard = new(PaymentMethod.Card, PaidPrivately: false, SoleTrader: false);

    private static ReceiptExtraction Receipt(
        string vendor, long total, DateOnly date, VatAmount[] vat, PaymentMethod? payment = PaymentMethod.Card, long? tip = null, long? rounding = null, string currency = "SEK") =>
        new(vendor, "556123-4567", null, date, total, currency, vat, payment, "1234", tip, rounding, new Dictionary<string, double>(), "heuristic");

    private static IEnumerable<(int Account, long Debit, long Credit, VatCode? Code)> Lines(ReceiptProposal proposal) =>
        proposal.Draft!.Lines.Select(line => (line.Account.Value, line.Debit, line.Credit, line.VatCode));

    [Fact]
    public void A_card_receipt_debits_the_cost_per_rate_and_input_VAT_on_2641_and_credits_the_company_account()
    {
        var receipt = Receipt("Circle K Kungsgatan", 500_00, new DateOnly(2026, 5, 4), [new VatAmount(25, 100_00, 400_00)]);

        var proposal = ReceiptProposer.Propose(DocumentId, receipt, "Diesel 24,3 l", null, CompanyCard);

        proposal.Reasons.ShouldBeEmpty();
        proposal.Category.ShouldBe("fuel");
        Lines(proposal).ShouldBe([(5611, 400_00, 0, VatCode.Vat25), (2641, 100_00, 0, null), (1930, 0, 500_00, null)]);
        proposal.Draft!.DocumentIds.ShouldBe([DocumentId]);
        proposal.Draft.Counterparty.ShouldBe("Circle K Kungsgatan");
    }

    [Fact]
    public void Each_VAT_rate_gets_its_own_cost_line_and_VAT_line()
    {
        var receipt = Receipt("Pressbyrån", 116_40, new DateOnly(2026, 1, 23), [new VatAmount(25, 4_39, 17_56), new VatAmount(6, 5_35, 89_10)]);

        var proposal = ReceiptProposer.Propose(DocumentId, receipt, "", null, CompanyCard);

        Lines(proposal).ShouldBe([(7690, 17_56, 0, VatCode.Vat25), (2641, 4_39, 0, null), (7690, 89_10, 0, VatCode.Vat6), (2641, 5_35, 0, null), (1930, 0, 116_40, null)]);
    }

    [Theory]
    [InlineData(PaymentMethod.Card, false, false, 1930)]
    [InlineData(PaymentMethod.Swish, false, false, 1930)]
    [InlineData(PaymentMethod.Cash, false, false, 1910)]
    [InlineData(PaymentMethod.Invoice, false, false, 2440)]
    [InlineData(PaymentMethod.Card, true, false, 2893)]
    [InlineData(PaymentMethod.Card, true, true, 2018)]
    public void The_credit_side_follows_the_payment_and_the_company_form(PaymentMethod method, bool paidPrivately, bool soleTrader, int account) =>
        new ReceiptPayment(method, paidPrivately, soleTrader).CreditAccount.ShouldBe(account);

    [Fact]
    public void Cash_rounding_down_is_credited_to_3740_and_the_amount_paid_to_the_till()
    {
        // Items 100.34 paid with 100.00 in cash.
        var receipt = Receipt("Clas Ohlson", 100_00, new DateOnly(2026, 3, 2), [new VatAmount(25, 20_07, 80_27)], PaymentMethod.Cash, rounding: -34);

        var proposal = ReceiptProposer.Propose(DocumentId, receipt, "", null, CompanyCard with { Method = PaymentMethod.Cash });

        Lines(proposal).ShouldBe([(5410, 80_27, 0, VatCode.Vat25), (2641, 20_07, 0, null), (3740, 0, 34, null), (1910, 0, 100_00, null)]);
    }

    [Fact]
    public void A_tip_is_a_cost_without_VAT_on_the_same_account()
    {
        var receipt = Receipt("Restaurang Kajen", 500_00, new DateOnly(2026, 5, 4), [new VatAmount(12, 48_21, 401_79)], tip: 50_00);

        var proposal = ReceiptProposer.Propose(DocumentId, receipt, "Lunch 2 pers", null, CompanyCard);

        Lines(proposal).ShouldBe([(6071, 401_79, 0, VatCode.Vat12), (2641, 48_21, 0, null), (6071, 50_00, 0, VatCode.None), (1930, 0, 500_00, null)]);
        proposal.Reasons.Select(reason => reason.Code).ShouldBe([ExpenseCategories.RepresentationNeedsGuests]);
    }

    [Theory]
    [InlineData("2026-03-31", 12, 25_71)]
    [InlineData("2026-04-01", 6, 13_58)]
    [InlineData("2027-12-31", 6, 13_58)]
    [InlineData("2028-01-01", 12, 25_71)]
    public void Shop_food_without_a_VAT_table_is_split_at_the_food_rate_of_the_purchase_date_and_left_for_review(string date, int rate, long vat)
    {
        var receipt = Receipt("ICA Kvantum Mölndal", 240_00, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), []);

        var proposal = ReceiptProposer.Propose(DocumentId, receipt, "Mjölk 1,5 l", null, CompanyCard);

        Lines(proposal).ShouldBe([(7690, 240_00 - vat, 0, VatRates.FromPercent(rate)), (2641, vat, 0, null), (1930, 0, 240_00, null)]);
        proposal.Reasons.Select(reason => reason.Code).ShouldBe(["vat.assumed"]);
    }

    [Fact]
    public void A_single_rate_purchase_without_a_VAT_table_derives_its_VAT_from_the_total()
    {
        var receipt = Receipt("Taxi Ett", 212_00, new DateOnly(2026, 5, 4), []);

        var proposal = ReceiptProposer.Propose(DocumentId, receipt, "Taxameter", null, CompanyCard);

        Lines(proposal).ShouldBe([(5800, 200_00, 0, VatCode.Vat6), (2641, 12_00, 0, null), (1930, 0, 212_00, null)]);
    }

    [Fact]
    public void A_remembered_account_wins_over_the_category_and_clears_its_review_reason()
    {
        var receipt = Receipt("Restaurang Kajen", 112_00, new DateOnly(2026, 5, 4), [new VatAmount(12, 12_00, 100_00)]);

        var proposal = ReceiptProposer.Propose(DocumentId, receipt, "Lunch", rememberedAccount: 5831, CompanyCard);

        proposal.AccountSource.ShouldBe(AccountSource.VendorMemory);
        proposal.Reasons.ShouldBeEmpty();
        Lines(proposal).First().Account.ShouldBe(5831);
    }

    [Fact]
    public void An_unrecognised_purchase_goes_to_a_safe_account_for_review()
    {
        var receipt = Receipt("Firma X", 125_00, new DateOnly(2026, 5, 4), [new VatAmount(25, 25_00, 100_00)]);

        var proposal = ReceiptProposer.Propose(DocumentId, receipt, "Artikel 1", null, CompanyCard);

        (proposal.CostAccount, proposal.AccountSource).ShouldBe((6991, AccountSource.Default));
        proposal.Reasons.Select(reason => reason.Code).ShouldBe(["category.unknown"]);
    }

    [Fact]
    public void Amounts_that_do_not_add_up_to_the_total_leave_no_draft()
    {
        var receipt = Receipt("Circle K", 600_00, new DateOnly(2026, 5, 4), [new VatAmount(25, 100_00, 400_00)]);

        var proposal = ReceiptProposer.Propose(DocumentId, receipt, "", null, CompanyCard);

        proposal.Draft.ShouldBeNull();
        proposal.Reasons.Select(reason => reason.Code).ShouldBe(["amounts.inconsistent"]);
    }

    [Theory]
    [InlineData(null, 500_00L, "SEK", "date.missing")]
    [InlineData("2026-05-04", null, "SEK", "total.missing")]
    [InlineData("2026-05-04", 500_00L, "EUR", "currency.foreign")]
    public void Without_a_date_a_total_or_Swedish_kronor_there_is_no_draft(string? date, long? total, string currency, string reason)
    {
        var receipt = Receipt("Circle K", total ?? 0, new DateOnly(2026, 5, 4), [new VatAmount(25, 100_00, 400_00)], currency: currency) with
        {
            Date = date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
            TotalOre = total,
        };

        var proposal = ReceiptProposer.Propose(DocumentId, receipt, "", null, CompanyCard);

        proposal.Draft.ShouldBeNull();
        proposal.Reasons.Select(r => r.Code).ShouldContain(reason);
    }

    [Fact]
    public void An_unknown_payment_method_is_a_review_reason_and_assumes_the_company_account()
    {
        var receipt = Receipt("Circle K", 500_00, new DateOnly(2026, 5, 4), [new VatAmount(25, 100_00, 400_00)], payment: null);

        var proposal = ReceiptProposer.Propose(DocumentId, receipt, "", null, CompanyCard with { Method = null });

        proposal.Reasons.Select(reason => reason.Code).ShouldBe(["payment.unknown"]);
        Lines(proposal).Last().ShouldBe((1930, 0, 500_00, (VatCode?)null));
    }

    [Theory]
    [InlineData(663_00, 25, 132_60)]
    [InlineData(112_00, 12, 12_00)]
    [InlineData(1_00, 6, 6)]
    [InlineData(2_62, 25, 52)]
    [InlineData(2195, 25, 439)]
    [InlineData(19821, 12, 2124)]
    [InlineData(9445, 6, 535)]
    [InlineData(-2195, 25, -439)]
    public void VAT_in_a_gross_amount_is_rounded_half_up(long gross, int rate, long vat) =>
        Money.VatInGross(gross, rate).ShouldBe(vat);
}
