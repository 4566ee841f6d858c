using CleanLedger.Domain.Ledger.Compliance.Rules;
using static CleanLedger.Domain.Tests.Ledger.Compliance.Drafts;

namespace CleanLedger.Domain.Tests.Ledger.Compliance;

public class RequiredContentRuleTests
{
    private static readonly RequiredContentRule Rule = new();

    [Fact]
    public void Passes_with_date_description_amount_counterparty_and_a_document()
    {
        var (draft, context) = Linked(Valid(), Receipt(250_00));

        Rule.Evaluate(draft, context).ShouldPass(Rule);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Blocks_a_missing_description(string description) =>
        Rule.Evaluate(Valid() with { Description = description }, Context()).ShouldBlock(Rule, RequiredContentRule.MissingDescription);

    [Fact]
    public void Blocks_lines_that_carry_no_amount() =>
        Rule.Evaluate(Lines(D(6570, 0), K(1930, 0)), Context()).ShouldBlock(Rule, RequiredContentRule.MissingAmount);

    [Fact]
    public void Blocks_a_draft_without_lines() =>
        Rule.Evaluate(Lines(), Context()).ShouldBlock(Rule, RequiredContentRule.MissingAmount);

    [Fact]
    public void Blocks_the_default_date() =>
        Rule.Evaluate(Valid() with { Date = default }, Context()).ShouldBlock(Rule, RequiredContentRule.MissingDate);

    [Fact]
    public void Reports_the_missing_date_before_the_missing_description() =>
        Rule.Evaluate(Valid() with { Date = default, Description = "" }, Context()).ShouldBlock(Rule, RequiredContentRule.MissingDate);

    [Fact]
    public void Warns_when_no_document_is_linked() =>
        Rule.Evaluate(Valid(), Context()).ShouldWarn(Rule, RequiredContentRule.NoDocument);

    [Fact]
    public void Warns_on_a_manual_posting_even_without_a_counterparty() =>
        Rule.Evaluate(Valid() with { Counterparty = null }, Context()).ShouldWarn(Rule, RequiredContentRule.NoDocument);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Blocks_a_document_without_a_counterparty(string? counterparty)
    {
        var (draft, context) = Linked(Valid() with { Counterparty = counterparty }, Receipt(250_00));

        Rule.Evaluate(draft, context).ShouldBlock(Rule, RequiredContentRule.MissingCounterparty);
    }

    [Fact]
    public void Passes_a_reversal_without_documents() =>
        Rule.Evaluate(Valid() with { Reverses = Guid.NewGuid() }, Context()).ShouldPass(Rule);

    [Fact]
    public void A_reversal_still_needs_a_description() =>
        Rule.Evaluate(Valid() with { Reverses = Guid.NewGuid(), Description = " " }, Context()).ShouldBlock(Rule, RequiredContentRule.MissingDescription);
}
