using System.Reflection;
using System.Text.RegularExpressions;
using CleanLedger.Domain.Ledger.Compliance;
using CleanLedger.Testing;

namespace CleanLedger.Domain.Tests.Ledger.Compliance;

/// <summary>docs/compliance-rules.md describes exactly the engine's rules, with their exact references and messages.</summary>
public partial class CatalogueTests
{
    private static readonly Lazy<string> Document = new(() => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "compliance-rules.md")));

    public static TheoryData<string> Codes => new(ComplianceEngine.Default.Rules.Select(rule => rule.Code));

    [Theory]
    [MemberData(nameof(Codes))]
    public void Each_rule_has_a_section_with_its_legal_reference(string code)
    {
        var rule = Rule(code);

        var section = Section(code);

        section.ShouldContain(rule.LegalReference, Case.Sensitive);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Each_rule_section_quotes_every_message_in_Swedish_and_English(string code)
    {
        var rule = Rule(code);
        var messages = rule.GetType()
            .GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(field => field.FieldType == typeof(RuleMessage))
            .Select(field => (field.Name, Message: (RuleMessage)field.GetValue(null)!))
            .Append(("Passed", rule.Passed))
            .ToList();
        var section = Section(code);

        messages.Count.ShouldBeGreaterThan(1, $"{code} declares no failure messages");
        foreach (var (name, message) in messages)
        {
            section.ShouldContain(message.Swedish, Case.Sensitive, $"{code}.{name} (sv)");
            section.ShouldContain(message.English, Case.Sensitive, $"{code}.{name} (en)");
        }
    }

    [Fact]
    public void The_document_names_the_engine_rules_in_engine_order_and_no_others() =>
        RuleHeading().Matches(Document.Value).Select(match => match.Groups["code"].Value)
            .ShouldBe(ComplianceEngine.Default.Rules.Select(rule => rule.Code));

    private static IComplianceRule Rule(string code) => ComplianceEngine.Default.Rules.Single(rule => rule.Code == code);

    /// <summary>From the rule's "## CODE — Name" heading to the next level-2 heading.</summary>
    private static string Section(string code)
    {
        var text = Document.Value;
        var heading = RuleHeading().Matches(text).SingleOrDefault(match => match.Groups["code"].Value == code);
        heading.ShouldNotBeNull($"no '## {code} — …' heading in docs/compliance-rules.md");
        var next = text.IndexOf("\n## ", heading.Index + heading.Length, StringComparison.Ordinal);
        return text[heading.Index..(next < 0 ? text.Length : next)];
    }


    [GeneratedRegex(@"^## (?<code>\S+) — \S.*$", RegexOptions.Multiline)]
    private static partial Regex RuleHeading();
}
