using CleanLedger.Domain.Ledger.Compliance.Rules;
using static CleanLedger.Domain.Tests.Ledger.Compliance.Drafts;

namespace CleanLedger.Domain.Tests.Ledger.Compliance;

public class DuplicateRuleTests
{
    private static readonly DuplicateRule Rule = new();

    [Fact]
    public void Passes_without_duplicates() =>
        Rule.Evaluate(Valid(), Context()).ShouldPass(Rule);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Blocks_a_document_posted_before(int count) =>
        Rule.Evaluate(Valid(), Context() with { PostedWithSameDocument = count }).ShouldBlock(Rule, DuplicateRule.SameDocument);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Warns_on_the_same_counterparty_date_and_amount(int count) =>
        Rule.Evaluate(Valid(), Context() with { PostedWithSameCounterpartyDateAndAmount = count }).ShouldWarn(Rule, DuplicateRule.SameEvent);

    [Fact]
    public void The_same_document_outweighs_the_same_event() =>
        Rule.Evaluate(Valid(), Context() with { PostedWithSameDocument = 1, PostedWithSameCounterpartyDateAndAmount = 1 })
            .ShouldBlock(Rule, DuplicateRule.SameDocument);
}
