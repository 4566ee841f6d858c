using BenchmarkDotNet.Attributes;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.Compliance;
using CleanLedger.Domain.Ledger.FiscalYears;
using CleanLedger.Domain.Ledger.Verifications;

namespace CleanLedger.Benchmarks;

/// <summary>
/// Pre-check of a 10-line verification by all eight rules, against a baseline that only sums the
/// debits and credits of the same lines (the least any balance check must do).
/// </summary>
[MemoryDiagnoser]
public class RuleEngineBenchmarks
{
    private readonly List<RuleResult> _results = new(ComplianceEngine.Default.Rules.Count);
    private VerificationDraft _draft = null!;
    private ComplianceContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        // A supplier invoice split over eight cost lines at 25 % VAT, paid from the bank account.
        var costs = new[] { 5410, 5460, 6110, 6230, 6540, 5420, 6250, 5060 };
        var lines = new List<VerificationLine>();
        long net = 0;
        foreach (var (account, index) in costs.Select((account, index) => (account, index)))
        {
            var amount = 100_00 + (index * 12_34);
            net += amount;
            lines.Add(new VerificationLine(new AccountNumber(account), amount, 0, VatCode.Vat25));
        }

        var vat = CleanLedger.Domain.Common.Money.ApplyRate(net, 2500);
        lines.Add(new VerificationLine(new AccountNumber(2641), vat, 0, VatCode.Vat25));
        lines.Add(new VerificationLine(new AccountNumber(1930), 0, net + vat));
        _draft = new VerificationDraft(new DateOnly(2026, 11, 2), "Leverantörsfaktura", "Dustin AB", "A", lines, [Guid.NewGuid()]);
        _context = new ComplianceContext(
            new DateOnly(2026, 11, 24),
            [new FiscalYear(Guid.NewGuid(), new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31))],
            BasChart.SmallBusinessAccounts.ToDictionary(account => account.Number.Value),
            PeriodLocked: false,
            PeriodVatFiled: false,
            [new LinkedDocument(_draft.DocumentIds[0], "ab12", net + vat, "SEK")],
            PostedWithSameDocument: 0,
            PostedWithSameCounterpartyDateAndAmount: 0);
    }

    [Benchmark(Baseline = true)]
    public bool SumDebitsAndCredits()
    {
        long debit = 0, credit = 0;
        var lines = _draft.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            debit += lines[i].Debit;
            credit += lines[i].Credit;
        }

        return debit == credit;
    }

    [Benchmark]
    public int PrecheckAllRules()
    {
        _results.Clear();
        ComplianceEngine.Default.Check(_draft, _context, _results);
        return _results.Count;
    }
}
