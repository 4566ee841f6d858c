using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.Compliance;
using CleanLedger.Domain.Ledger.Compliance.Rules;
using static CleanLedger.Domain.Tests.Ledger.Compliance.Drafts;

namespace CleanLedger.Domain.Tests.Ledger.Compliance;

public class ComplianceEngineTests
{
    private static readonly string[] CatalogueOrder = ["R-001", "R-011", "R-021", "R-031", "R-051", "VAT", "PERIOD", "DUP"];

    [Fact]
    public void The_default_catalogue_holds_the_eight_rules_in_order() =>
        ComplianceEngine.Default.Rules.Select(rule => rule.Code).ShouldBe(CatalogueOrder);

    [Fact]
    public void Every_rule_blocks_as_its_main_failure_and_names_a_legal_reference()
    {
        foreach (var rule in ComplianceEngine.Default.Rules)
        {
            rule.Severity.ShouldBe(RuleSeverity.Block, rule.Code);
            rule.LegalReference.ShouldNotBeNullOrWhiteSpace(rule.Code);
        }
    }

    [Fact]
    public void Returns_one_result_per_rule_in_catalogue_order() =>
        ComplianceEngine.Default.Check(Lines(D(1234, 1), D(6570, 1)), Context()).Select(result => result.Code).ShouldBe(CatalogueOrder);

    [Fact]
    public void A_valid_draft_without_a_document_passes_all_but_the_document_warning()
    {
        var results = ComplianceEngine.Default.Check(Valid(), Context());

        results[0].ShouldWarn(ComplianceEngine.Default.Rules[0], RequiredContentRule.NoDocument);
        for (var i = 1; i < results.Count; i++)
            results[i].ShouldPass(ComplianceEngine.Default.Rules[i]);
        results.ShouldNotContain(result => result.Blocks);
    }

    [Fact]
    public void A_valid_draft_with_its_receipt_passes_every_rule()
    {
        var (draft, context) = Linked(Valid(), Receipt(250_00));

        var results = ComplianceEngine.Default.Check(draft, context);

        for (var i = 0; i < results.Count; i++)
            results[i].ShouldPass(ComplianceEngine.Default.Rules[i]);
    }

    [Fact]
    public void Reports_every_rule_even_when_several_block()
    {
        var results = ComplianceEngine.Default.Check(Lines(D(6110, 200_00, VatCode.Vat25), K(1930, 199_99)) with { Description = "" }, Context() with { PeriodLocked = true });

        results.Count.ShouldBe(8);
        results.Where(result => result.Blocks).Select(result => result.Code).ShouldBe(["R-001", "R-011", "VAT", "PERIOD"]);
    }

    [Fact]
    public void Appends_to_the_list_it_is_given()
    {
        var existing = new RuleResult("X", RuleSeverity.Warn, false, RequiredContentRule.NoDocument, "");
        var results = new List<RuleResult> { existing };

        ComplianceEngine.Default.Check(Valid(), Context(), results);

        results.Count.ShouldBe(9);
        results[0].ShouldBe(existing);
        results.Skip(1).Select(result => result.Code).ShouldBe(CatalogueOrder);
    }

    [Fact]
    public void Runs_only_the_rules_it_is_given()
    {
        var engine = new ComplianceEngine([new DuplicateRule(), new BalancedRule()]);

        engine.Check(Valid(), Context()).Select(result => result.Code).ShouldBe(["DUP", "R-011"]);
    }
}
