using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.Compliance.Rules;
using CleanLedger.Domain.Ledger.Verifications;
using static CleanLedger.Domain.Tests.Ledger.Compliance.Drafts;

namespace CleanLedger.Domain.Tests.Ledger.Compliance;

public class BalancedRuleTests
{
    private static readonly BalancedRule Rule = new();

    [Fact]
    public void Passes_a_balanced_verification() =>
        Rule.Evaluate(Valid(), Context()).ShouldPass(Rule);

    [Fact]
    public void Passes_exactly_two_lines() =>
        Rule.Evaluate(Lines(D(6570, 25_00), K(1930, 25_00)), Context()).ShouldPass(Rule);

    [Fact]
    public void Blocks_a_single_line() =>
        Rule.Evaluate(Lines(D(6570, 25_00)), Context()).ShouldBlock(Rule, BalancedRule.TooFewLines);

    [Fact]
    public void Blocks_no_lines() =>
        Rule.Evaluate(Lines(), Context()).ShouldBlock(Rule, BalancedRule.TooFewLines);

    [Theory]
    [InlineData(250_01, 250_00)]
    [InlineData(250_00, 250_01)]
    public void Blocks_debit_and_credit_that_differ_by_one_ore(long debit, long credit) =>
        Rule.Evaluate(Lines(D(6110, debit - 50_00), D(2641, 50_00), K(1930, credit)), Context()).ShouldBlock(Rule, BalancedRule.Unbalanced);

    [Fact]
    public void Blocks_a_zero_line_even_when_the_rest_balances() =>
        Rule.Evaluate(Lines(D(6570, 25_00), K(1930, 25_00), D(1940, 0)), Context()).ShouldBlock(Rule, BalancedRule.NotOneSided);

    [Fact]
    public void Blocks_negative_lines_even_when_they_balance() =>
        Rule.Evaluate(Lines(new VerificationLine(new AccountNumber(6570), -25_00, 0), new VerificationLine(new AccountNumber(1930), 0, -25_00)), Context())
            .ShouldBlock(Rule, BalancedRule.NotOneSided);

    [Fact]
    public void Blocks_a_negative_credit_beside_a_positive_debit() =>
        Rule.Evaluate(Lines(D(6570, 25_00), K(1930, 50_00), new VerificationLine(new AccountNumber(1940), 25_00, -1)), Context())
            .ShouldBlock(Rule, BalancedRule.NotOneSided);

    [Fact]
    public void Blocks_a_line_with_both_debit_and_credit() =>
        Rule.Evaluate(Lines(D(6570, 25_00), K(1930, 25_00), new VerificationLine(new AccountNumber(1940), 10_00, 10_00)), Context())
            .ShouldBlock(Rule, BalancedRule.NotOneSided);

    [Theory]
    [InlineData("EUR")]
    [InlineData("USD")]
    [InlineData("sek")]
    [InlineData("")]
    public void Blocks_any_currency_other_than_SEK(string currency) =>
        Rule.Evaluate(Valid() with { Currency = currency }, Context()).ShouldBlock(Rule, BalancedRule.NotSek);

    [Fact]
    public void Reports_the_currency_before_the_line_count() =>
        Rule.Evaluate(Lines(D(6570, 25_00)) with { Currency = "EUR" }, Context()).ShouldBlock(Rule, BalancedRule.NotSek);

    [Fact]
    public void Passes_a_total_of_exactly_long_MaxValue_ore() =>
        Rule.Evaluate(Lines(D(1930, long.MaxValue), K(2350, long.MaxValue)), Context()).ShouldPass(Rule);

    [Fact]
    public void Blocks_debits_that_wrap_around_long_to_equal_the_credits()
    {
        // 2 × long.MaxValue + 3 is 2^64 + 1: summed in a long it wraps to 1, the credit.
        var draft = Lines(D(1930, long.MaxValue), D(1940, long.MaxValue), D(6570, 3), K(1910, 1));

        Rule.Evaluate(draft, Context()).ShouldBlock(Rule, BalancedRule.Unbalanced);
    }

    [Fact]
    public void Blocks_a_balanced_total_beyond_long_MaxValue_ore() =>
        Rule.Evaluate(Lines(D(1930, long.MaxValue), D(1940, 1), K(2350, long.MaxValue), K(2440, 1)), Context())
            .ShouldBlock(Rule, BalancedRule.Unbalanced);
}
