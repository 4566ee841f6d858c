using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.Compliance;
using CleanLedger.Domain.Ledger.FiscalYears;
using CleanLedger.Domain.Ledger.Verifications;

namespace CleanLedger.Domain.Tests.Ledger.Compliance;

/// <summary>
/// Valid drafts and contexts for the rule tests: the BAS small-business chart, one open fiscal year
/// 2026, today 2026-11-24, nothing locked, no duplicates. Amounts are öre (200_00 = 200.00 kr).
/// </summary>
internal static class Drafts
{
    public static readonly DateOnly Today = new(2026, 11, 24);

    public static readonly DateOnly Date = new(2026, 11, 20);

    public static readonly FiscalYear Year2026 = new(Guid.Parse("0197a000-0000-7000-8000-000000002026"), new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

    public static IReadOnlyDictionary<int, Account> Chart { get; } = BasChart.SmallBusinessAccounts.ToDictionary(account => account.Number.Value);

    public static VerificationLine D(int account, long ore, VatCode? vatCode = null) => new(new AccountNumber(account), ore, 0, vatCode);

    public static VerificationLine K(int account, long ore, VatCode? vatCode = null) => new(new AccountNumber(account), 0, ore, vatCode);

    /// <summary>Office supplies, 250 kr incl. 25 % VAT, paid by card; a counterparty but no document.</summary>
    public static VerificationDraft Valid() => Lines(D(6110, 200_00), D(2641, 50_00), K(1930, 250_00));

    public static VerificationDraft Lines(params VerificationLine[] lines) =>
        new(Date, "Kontorsmaterial", "Clas Ohlson", VerificationDraft.DefaultSeries, lines, []);

    public static ComplianceContext Context() => new(Today, [Year2026], Chart, false, false, [], 0, 0);

    /// <summary>A receipt with the given total in SEK (null: the total could not be read).</summary>
    public static LinkedDocument Receipt(long? totalOre) => new(Guid.NewGuid(), new string('a', 64), totalOre, totalOre is null ? null : "SEK");

    /// <summary>The draft linked to <paramref name="documents"/>, and a context that carries them.</summary>
    public static (VerificationDraft Draft, ComplianceContext Context) Linked(VerificationDraft draft, params LinkedDocument[] documents) =>
        (draft with { DocumentIds = documents.Select(document => document.Id).ToList() }, Context() with { Documents = documents });

    /// <summary>The chart with one account replaced.</summary>
    public static IReadOnlyDictionary<int, Account> ChartWith(Account account)
    {
        var chart = BasChart.SmallBusinessAccounts.ToDictionary(existing => existing.Number.Value);
        chart[account.Number.Value] = account;
        return chart;
    }

    /// <summary>The correction of <paramref name="draft"/> once posted: every line swapped, naming the original.</summary>
    public static VerificationDraft Reversed(VerificationDraft draft) =>
        Verification.Post(draft, Guid.NewGuid(), Year2026.Id, 1, new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero), Guid.NewGuid())
            .Reversal(Today, VerificationDraft.DefaultSeries);
}

internal static class RuleResultAssertions
{
    public static void ShouldPass(this RuleResult result, IComplianceRule rule)
    {
        result.Code.ShouldBe(rule.Code);
        result.Passed.ShouldBeTrue($"{rule.Code}: {result.Message.English}");
        result.Blocks.ShouldBeFalse();
        result.Message.ShouldBeSameAs(rule.Passed);
        result.LegalReference.ShouldBe(rule.LegalReference);
    }

    public static void ShouldBlock(this RuleResult result, IComplianceRule rule, RuleMessage message) =>
        result.ShouldFail(rule, message, RuleSeverity.Block);

    public static void ShouldWarn(this RuleResult result, IComplianceRule rule, RuleMessage message) =>
        result.ShouldFail(rule, message, RuleSeverity.Warn);

    private static void ShouldFail(this RuleResult result, IComplianceRule rule, RuleMessage message, RuleSeverity severity)
    {
        result.Code.ShouldBe(rule.Code);
        result.Passed.ShouldBeFalse();
        result.Severity.ShouldBe(severity);
        result.Blocks.ShouldBe(severity == RuleSeverity.Block);
        result.Message.ShouldBeSameAs(message, $"{rule.Code}: got '{result.Message.English}'");
        result.LegalReference.ShouldBe(rule.LegalReference);
    }
}
