using System.Globalization;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.Compliance.Rules;
using CleanLedger.Domain.Ledger.Verifications;
using static CleanLedger.Domain.Tests.Ledger.Compliance.Drafts;

namespace CleanLedger.Domain.Tests.Ledger.Compliance;

public class VatRuleTests
{
    private static readonly VatRule Rule = new();

    private static readonly Dictionary<string, VerificationLine[]> Passing = new()
    {
        ["office supplies, account's code"] = [D(6110, 200_00), D(2641, 50_00), K(1930, 250_00)],
        ["office supplies, explicit 25 %"] = [D(6110, 200_00, VatCode.Vat25), D(2641, 50_00), K(1930, 250_00)],
        ["input VAT 1 öre over, one base line"] = [D(6110, 200_00), D(2641, 50_01), K(1930, 250_01)],
        ["input VAT 1 öre under, one base line"] = [D(6110, 200_00), D(2641, 49_99), K(1930, 249_99)],
        ["input VAT 2 öre over, two base lines"] = [D(6110, 200_00), D(5460, 100_00), D(2641, 75_02), K(1930, 375_02)],
        ["train ticket 6 %"] = [D(5810, 100_00, VatCode.Vat6), D(2641, 6_00), K(1930, 106_00)],
        ["train ticket, account's code"] = [D(5810, 100_00), D(2641, 6_00), K(1930, 106_00)],
        ["sale 25 %"] = [D(1930, 1250_00), K(3001, 1000_00), K(2611, 250_00)],
        ["sale 25 % and 6 %"] = [D(1510, 1356_00), K(3001, 1000_00), K(3003, 100_00), K(2611, 250_00), K(2631, 6_00)],
        ["non-EU SaaS, reverse charge"] = [D(4531, 1000_00, VatCode.NonEuServicesReverseCharge), D(2645, 250_00), K(2614, 250_00), K(1930, 1000_00)],
        ["representation split at 300 kr"] = [D(6071, 300_00, VatCode.Vat12), D(6072, 112_00), D(2641, 36_00), K(1930, 448_00)],
        ["VAT settlement"] = [D(2611, 250_00), K(2641, 50_00), K(2650, 200_00)],
        ["bank fee, no VAT"] = [D(6570, 25_00), K(1930, 25_00)],
        ["non-deductible account, explicit no VAT"] = [D(6072, 448_00, VatCode.None), K(1930, 448_00)],
    };

    public static TheoryData<string> PassingCases => new(Passing.Keys);

    [Theory]
    [MemberData(nameof(PassingCases))]
    public void Passes(string name) =>
        Rule.Evaluate(Lines(Passing[name]), Context()).ShouldPass(Rule);

    [Theory]
    [MemberData(nameof(PassingCases))]
    public void Passes_the_reversal(string name)
    {
        var reversal = Reversed(Lines(Passing[name]));
        reversal.Lines.ShouldAllBe(line => line.Debit == 0 || line.Credit == 0);

        Rule.Evaluate(reversal, Context()).ShouldPass(Rule);
    }

    [Theory]
    [InlineData(50_02)]
    [InlineData(49_98)]
    public void Blocks_input_VAT_two_ore_off_on_one_base_line(long vat) =>
        Rule.Evaluate(Lines(D(6110, 200_00), D(2641, vat), K(1930, 200_00 + vat)), Context()).ShouldBlock(Rule, VatRule.InputVatMismatch);

    [Fact]
    public void Blocks_input_VAT_three_ore_off_on_two_base_lines() =>
        Rule.Evaluate(Lines(D(6110, 200_00), D(5460, 100_00), D(2641, 75_03), K(1930, 375_03)), Context()).ShouldBlock(Rule, VatRule.InputVatMismatch);

    [Fact]
    public void Blocks_an_explicit_25_percent_base_without_a_VAT_line() =>
        Rule.Evaluate(Lines(D(6110, 200_00, VatCode.Vat25), K(1930, 200_00)), Context()).ShouldBlock(Rule, VatRule.InputVatMismatch);

    [Fact]
    public void Blocks_input_VAT_at_the_wrong_rate() =>
        // 25 % on a ticket: 6 kr expected at the account's 6 %.
        Rule.Evaluate(Lines(D(5810, 100_00), D(2641, 25_00), K(1930, 125_00)), Context()).ShouldBlock(Rule, VatRule.InputVatMismatch);

    [Theory]
    [InlineData(249_98)]
    [InlineData(250_02)]
    [InlineData(120_00)]
    public void Blocks_wrong_output_VAT(long vat) =>
        Rule.Evaluate(Lines(D(1930, 1000_00 + vat), K(3001, 1000_00), K(2611, vat)), Context()).ShouldBlock(Rule, VatRule.OutputVatMismatch);

    [Fact]
    public void Blocks_a_sale_with_a_rate_but_no_output_VAT() =>
        Rule.Evaluate(Lines(D(1930, 1000_00), K(3001, 1000_00, VatCode.Vat25)), Context()).ShouldBlock(Rule, VatRule.OutputVatMismatch);

    [Fact]
    public void Blocks_reverse_charge_without_the_output_VAT() =>
        Rule.Evaluate(Lines(D(4531, 1000_00, VatCode.NonEuServicesReverseCharge), D(2645, 250_00), K(1930, 1250_00)), Context())
            .ShouldBlock(Rule, VatRule.ReverseChargeMismatch);

    [Fact]
    public void Blocks_reverse_charge_without_the_input_VAT() =>
        Rule.Evaluate(Lines(D(4531, 1000_00, VatCode.NonEuServicesReverseCharge), K(2614, 250_00), K(1930, 750_00)), Context())
            .ShouldBlock(Rule, VatRule.InputVatMismatch);

    [Fact]
    public void Blocks_reverse_charge_output_VAT_booked_as_sales_VAT() =>
        // 2611 is output VAT on domestic sales: it leaves the sales side 250 kr over and 2614 short.
        Rule.Evaluate(Lines(D(4531, 1000_00, VatCode.NonEuServicesReverseCharge), D(2645, 250_00), K(2611, 250_00), K(1930, 1000_00)), Context())
            .ShouldBlock(Rule, VatRule.OutputVatMismatch);

    [Fact]
    public void Blocks_a_VAT_claim_on_a_non_deductible_account() =>
        Rule.Evaluate(Lines(D(6072, 400_00, VatCode.Vat12), D(2641, 48_00), K(1930, 448_00)), Context()).ShouldBlock(Rule, VatRule.NotDeductible);

    [Fact]
    public void Blocks_an_explicit_rate_on_a_non_deductible_account_even_without_a_VAT_line() =>
        Rule.Evaluate(Lines(D(6072, 448_00, VatCode.Vat12), K(1930, 448_00)), Context()).ShouldBlock(Rule, VatRule.NotDeductible);

    [Fact]
    public void Warns_on_a_rate_unusual_for_the_account() =>
        Rule.Evaluate(Lines(D(5810, 100_00, VatCode.Vat25), D(2641, 25_00), K(1930, 125_00)), Context()).ShouldWarn(Rule, VatRule.UnusualRate);

    [Theory]
    [InlineData("2026-03-31", true)]
    [InlineData("2026-04-01", false)]
    [InlineData("2027-12-31", false)]
    [InlineData("2028-01-01", true)]
    public void Food_at_6_percent_on_a_12_percent_account_is_usual_only_during_the_temporary_food_cut(string date, bool warns)
    {
        var draft = Lines(D(7631, 100_00, VatCode.Vat6), D(2641, 6_00), K(1930, 106_00)) with { Date = DateOnly.Parse(date, CultureInfo.InvariantCulture) };

        var result = Rule.Evaluate(draft, Context());

        if (warns)
            result.ShouldWarn(Rule, VatRule.UnusualRate);
        else
            result.ShouldPass(Rule);
    }

    [Fact]
    public void Restaurant_food_at_12_percent_stays_usual_during_the_temporary_food_cut() =>
        Rule.Evaluate(Lines(D(6071, 100_00, VatCode.Vat12), D(2641, 12_00), K(1930, 112_00)) with { Date = new DateOnly(2026, 6, 1) }, Context())
            .ShouldPass(Rule);

    [Fact]
    public void A_mismatch_outweighs_an_unusual_rate() =>
        Rule.Evaluate(Lines(D(5810, 100_00, VatCode.Vat25), D(2641, 6_00), K(1930, 106_00)), Context()).ShouldBlock(Rule, VatRule.InputVatMismatch);

    [Fact]
    public void Warns_on_representation_above_300_kr() =>
        Rule.Evaluate(Lines(D(6071, 400_00, VatCode.Vat12), D(2641, 48_00), K(1930, 448_00)), Context()).ShouldWarn(Rule, VatRule.RepresentationCap);

    [Fact]
    public void Warns_on_staff_representation_above_300_kr() =>
        Rule.Evaluate(Lines(D(7631, 300_01), D(2641, 36_00), K(1930, 336_01)), Context()).ShouldWarn(Rule, VatRule.RepresentationCap);

    [Fact]
    public void Passes_representation_of_exactly_300_kr() =>
        Rule.Evaluate(Lines(D(6071, 300_00), D(2641, 36_00), K(1930, 336_00)), Context()).ShouldPass(Rule);

    [Fact]
    public void Takes_no_base_from_account_defaults_when_no_VAT_is_booked() =>
        // 6110 defaults to 25 %, but without a VAT line or an explicit code it is not a base.
        Rule.Evaluate(Lines(D(6110, 200_00), K(1930, 200_00)), Context()).ShouldPass(Rule);

    [Fact]
    public void Skips_lines_on_accounts_missing_from_the_chart() =>
        Rule.Evaluate(Lines(D(6110, 200_00), D(1234, 1_00, VatCode.Vat25), D(2641, 50_00), K(1930, 251_00)), Context()).ShouldPass(Rule);
}
