using CleanLedger.Domain.Ledger.Compliance.Rules;
using static CleanLedger.Domain.Tests.Ledger.Compliance.Drafts;

namespace CleanLedger.Domain.Tests.Ledger.Compliance;

public class PeriodOpenRuleTests
{
    private static readonly PeriodOpenRule Rule = new();

    [Fact]
    public void Passes_an_open_period() =>
        Rule.Evaluate(Valid(), Context()).ShouldPass(Rule);

    [Fact]
    public void Blocks_a_locked_period() =>
        Rule.Evaluate(Valid(), Context() with { PeriodLocked = true }).ShouldBlock(Rule, PeriodOpenRule.Locked);

    [Fact]
    public void Blocks_a_period_whose_VAT_return_is_filed() =>
        Rule.Evaluate(Valid(), Context() with { PeriodVatFiled = true }).ShouldBlock(Rule, PeriodOpenRule.VatFiled);

    [Fact]
    public void Reports_the_filed_VAT_return_when_the_period_is_also_locked() =>
        Rule.Evaluate(Valid(), Context() with { PeriodLocked = true, PeriodVatFiled = true }).ShouldBlock(Rule, PeriodOpenRule.VatFiled);
}
