using CleanLedger.Domain.Ledger.Compliance.Rules;
using static CleanLedger.Domain.Tests.Ledger.Compliance.Drafts;

namespace CleanLedger.Domain.Tests.Ledger.Compliance;

public class DocumentTotalRuleTests
{
    private static readonly DocumentTotalRule Rule = new();

    [Fact]
    public void Passes_without_documents() =>
        Rule.Evaluate(Valid(), Context()).ShouldPass(Rule);

    [Fact]
    public void Passes_when_the_document_total_equals_the_gross_amount()
    {
        var (draft, context) = Linked(Valid(), Receipt(250_00));

        Rule.Evaluate(draft, context).ShouldPass(Rule);
    }

    [Fact]
    public void Passes_when_several_documents_add_up_to_the_gross_amount()
    {
        var (draft, context) = Linked(Valid(), Receipt(200_00), Receipt(50_00));

        Rule.Evaluate(draft, context).ShouldPass(Rule);
    }

    [Fact]
    public void Cash_rounding_down_on_3740_is_not_part_of_the_amount_paid()
    {
        // Items 100.34 paid in cash with 100.00: 0.34 rounded away.
        var cash = Lines(D(6110, 80_27), D(2641, 20_07), K(3740, 0_34), K(1910, 100_00));

        var (draft, context) = Linked(cash, Receipt(100_00));

        Rule.Evaluate(draft, context).ShouldPass(Rule);
    }

    [Fact]
    public void Under_reverse_charge_the_invoice_total_excludes_the_vat_the_buyer_calculates()
    {
        var saas = Lines(D(4531, 1000_00, Domain.Ledger.VatCode.NonEuServicesReverseCharge), D(2645, 250_00), K(2614, 250_00), K(1930, 1000_00));

        var (matching, context) = Linked(saas, Receipt(1000_00));
        Rule.Evaluate(matching, context).ShouldPass(Rule);
        var (withVat, contextWithVat) = Linked(saas, Receipt(1250_00));
        Rule.Evaluate(withVat, contextWithVat).ShouldBlock(Rule, DocumentTotalRule.TotalDiffers);
    }

    [Theory]
    [InlineData(249_99)]
    [InlineData(250_01)]
    public void Blocks_a_document_total_one_ore_off(long documentTotal)
    {
        var (draft, context) = Linked(Valid(), Receipt(documentTotal));

        Rule.Evaluate(draft, context).ShouldBlock(Rule, DocumentTotalRule.TotalDiffers);
    }

    [Fact]
    public void Warns_when_the_document_total_is_unknown()
    {
        var (draft, context) = Linked(Valid(), Receipt(null));

        Rule.Evaluate(draft, context).ShouldWarn(Rule, DocumentTotalRule.TotalUnknown);
    }

    [Fact]
    public void Warns_rather_than_blocks_when_any_total_is_unknown()
    {
        var (draft, context) = Linked(Valid(), Receipt(999_00), Receipt(null));

        Rule.Evaluate(draft, context).ShouldWarn(Rule, DocumentTotalRule.TotalUnknown);
    }

    [Fact]
    public void Passes_a_reversal_whatever_its_documents_say()
    {
        var (draft, context) = Linked(Valid() with { Reverses = Guid.NewGuid() }, Receipt(1_00));

        Rule.Evaluate(draft, context).ShouldPass(Rule);
    }
}
