using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.Compliance.Rules;
using static CleanLedger.Domain.Tests.Ledger.Compliance.Drafts;

namespace CleanLedger.Domain.Tests.Ledger.Compliance;

public class ChartOfAccountsRuleTests
{
    private static readonly ChartOfAccountsRule Rule = new();

    [Fact]
    public void Passes_accounts_in_the_chart() =>
        Rule.Evaluate(Valid(), Context()).ShouldPass(Rule);

    [Fact]
    public void Blocks_an_account_missing_from_the_chart() =>
        // 1234 is a valid BAS number but not in the small-business chart.
        Rule.Evaluate(Lines(D(1234, 25_00), K(1930, 25_00)), Context()).ShouldBlock(Rule, ChartOfAccountsRule.UnknownAccount);

    [Fact]
    public void Blocks_an_inactive_account()
    {
        var context = Context() with { Accounts = ChartWith(Chart[6110] with { IsActive = false }) };

        Rule.Evaluate(Valid(), context).ShouldBlock(Rule, ChartOfAccountsRule.InactiveAccount);
    }

    [Theory]
    [InlineData(VatCode.Exempt)]
    [InlineData(VatCode.ZeroRated)]
    [InlineData(VatCode.None)]
    public void Blocks_a_VAT_account_line_without_a_rate(VatCode code) =>
        Rule.Evaluate(Lines(D(6110, 200_00), D(2641, 50_00, code), K(1930, 250_00)), Context())
            .ShouldBlock(Rule, ChartOfAccountsRule.VatAccountWithoutRate);

    [Fact]
    public void Blocks_an_output_VAT_line_marked_exempt() =>
        Rule.Evaluate(Lines(D(1930, 1250_00), K(3001, 1000_00), K(2611, 250_00, VatCode.Exempt)), Context())
            .ShouldBlock(Rule, ChartOfAccountsRule.VatAccountWithoutRate);

    [Theory]
    [InlineData(VatCode.Vat25)]
    [InlineData(VatCode.Vat12)]
    [InlineData(VatCode.Vat6)]
    [InlineData(VatCode.NonEuServicesReverseCharge)]
    [InlineData(VatCode.ImportGoods)]
    public void Passes_a_VAT_account_line_with_a_rate(VatCode code) =>
        Rule.Evaluate(Lines(D(6110, 200_00), D(2641, 50_00, code), K(1930, 250_00)), Context()).ShouldPass(Rule);

    [Fact]
    public void Passes_exempt_on_an_account_outside_2610_2649() =>
        Rule.Evaluate(Lines(D(6570, 25_00, VatCode.Exempt), K(1930, 25_00, VatCode.None)), Context()).ShouldPass(Rule);

    [Fact]
    public void Passes_the_settlement_account_2650_without_a_rate() =>
        Rule.Evaluate(Lines(D(2611, 250_00), K(2641, 50_00), K(2650, 200_00, VatCode.None)), Context()).ShouldPass(Rule);
}
