using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.Compliance.Rules;
using CleanLedger.Domain.Ledger.Verifications;
using CsCheck;
using static CleanLedger.Domain.Tests.Ledger.Compliance.Drafts;

namespace CleanLedger.Domain.Tests.Ledger.Compliance;

public class PropertyTests
{
    private static readonly BalancedRule Balanced = new();
    private static readonly VatRule Vat = new();
    private static readonly int[] BalanceAccounts = [1910, 1930, 1940, 2440, 2893, 6110, 6570];

    /// <summary>
    /// 1–10 debit lines of 2 öre .. 10^9 öre, and 1–10 credit lines that split the same total at
    /// distinct cut points, so every credit is positive and the sides sum equal.
    /// </summary>
    private static readonly Gen<(long[] Debits, long[] Credits)> BalancedAmounts =
        from debits in Gen.Long[2, 1_000_000_000].Array[1, 10]
        let total = debits.Sum()
        from cuts in Gen.Long[1, total - 1].Array[0, 9]
        let points = cuts.Distinct().Order().Append(total).ToArray()
        select (debits, points.Select((point, i) => point - (i == 0 ? 0 : points[i - 1])).ToArray());

    private static readonly Gen<VerificationLine[]> BalancedLines =
        from amounts in BalancedAmounts
        from accounts in Gen.Int[0, BalanceAccounts.Length - 1].Array[amounts.Debits.Length + amounts.Credits.Length]
        select amounts.Debits.Select((ore, i) => D(BalanceAccounts[accounts[i]], ore))
            .Concat(amounts.Credits.Select((ore, i) => K(BalanceAccounts[accounts[amounts.Debits.Length + i]], ore)))
            .ToArray();

    [Fact]
    public void Generated_lines_are_two_to_twenty_one_sided_positive_lines_that_balance() =>
        BalancedLines.Sample(lines =>
        {
            lines.Length.ShouldBeInRange(2, 20);
            lines.ShouldAllBe(line => (line.Debit > 0 && line.Credit == 0) || (line.Credit > 0 && line.Debit == 0));
            lines.Sum(line => line.Debit).ShouldBe(lines.Sum(line => line.Credit));
        });

    [Fact]
    public void Balanced_one_sided_lines_pass_R011() =>
        BalancedLines.Sample(lines => Balanced.Evaluate(Lines(lines), Context()).ShouldPass(Balanced));

    [Fact]
    public void Moving_ore_from_a_debit_line_to_a_credit_line_fails_R011() =>
        (from lines in BalancedLines
         let debitIndexes = lines.Select((line, i) => (line, i)).Where(x => x.line.Debit > 0).Select(x => x.i).ToArray()
         let creditIndexes = lines.Select((line, i) => (line, i)).Where(x => x.line.Credit > 0).Select(x => x.i).ToArray()
         from source in Gen.Int[0, debitIndexes.Length - 1].Select(i => debitIndexes[i])
         from target in Gen.Int[0, creditIndexes.Length - 1].Select(i => creditIndexes[i])
         from ore in Gen.Long[1, lines[source].Debit - 1]
         select (lines, source, target, ore))
        .Sample(t =>
        {
            var moved = t.lines.ToArray();
            moved[t.source] = moved[t.source] with { Debit = moved[t.source].Debit - t.ore };
            moved[t.target] = moved[t.target] with { Credit = moved[t.target].Credit + t.ore };

            Balanced.Evaluate(Lines(moved), Context()).ShouldBlock(Balanced, BalancedRule.Unbalanced);
        });

    [Fact]
    public void Adding_ore_to_any_one_line_fails_R011() =>
        (from lines in BalancedLines
         from index in Gen.Int[0, lines.Length - 1]
         from ore in Gen.Long[1, 1_000_000_000]
         select (lines, index, ore))
        .Sample(t =>
        {
            var changed = t.lines.ToArray();
            var line = changed[t.index];
            changed[t.index] = line.Debit > 0 ? line with { Debit = line.Debit + t.ore } : line with { Credit = line.Credit + t.ore };

            Balanced.Evaluate(Lines(changed), Context()).ShouldBlock(Balanced, BalancedRule.Unbalanced);
        });

    /// <summary>Cost accounts whose own rate is the code's, so no unusual-rate warning.</summary>
    public static TheoryData<VatCode, int> PurchaseRates => new()
    {
        { VatCode.Vat25, 6110 },
        { VatCode.Vat12, 5831 },
        { VatCode.Vat6, 5810 },
    };

    /// <summary>Sales accounts and the output VAT account for each rate.</summary>
    public static TheoryData<VatCode, int, int> SalesRates => new()
    {
        { VatCode.Vat25, 3001, 2611 },
        { VatCode.Vat12, 3002, 2621 },
        { VatCode.Vat6, 3003, 2631 },
    };

    private static readonly Gen<long> NetBases = Gen.Long[1, 1_000_000_000];

    private static VerificationLine Signed(int account, long net) => net >= 0 ? D(account, net) : K(account, -net);

    [Theory]
    [MemberData(nameof(PurchaseRates))]
    public void Input_VAT_at_the_rate_passes_and_two_ore_off_fails(VatCode code, int costAccount)
    {
        var basisPoints = code.BasisPoints();
        NetBases.Sample(net =>
        {
            var vat = Money.ApplyRate(net, basisPoints);
            VerificationDraft Purchase(long booked) => Lines(D(costAccount, net, code), Signed(2641, booked), K(1930, net + booked));

            Vat.Evaluate(Purchase(vat), Context()).ShouldPass(Vat);
            Vat.Evaluate(Purchase(vat + 2), Context()).ShouldBlock(Vat, VatRule.InputVatMismatch);
            Vat.Evaluate(Purchase(vat - 2), Context()).ShouldBlock(Vat, VatRule.InputVatMismatch);
        });
    }

    [Theory]
    [MemberData(nameof(SalesRates))]
    public void Output_VAT_at_the_rate_passes_and_two_ore_off_fails(VatCode code, int salesAccount, int outputAccount)
    {
        var basisPoints = code.BasisPoints();
        NetBases.Sample(net =>
        {
            var vat = Money.ApplyRate(net, basisPoints);
            VerificationDraft Sale(long booked) => Lines(D(1930, net + booked), K(salesAccount, net), Signed(outputAccount, -booked));

            Vat.Evaluate(Sale(vat), Context()).ShouldPass(Vat);
            Vat.Evaluate(Sale(vat + 2), Context()).ShouldBlock(Vat, VatRule.OutputVatMismatch);
            Vat.Evaluate(Sale(vat - 2), Context()).ShouldBlock(Vat, VatRule.OutputVatMismatch);
        });
    }

    [Fact]
    public void ApplyRate_is_odd() =>
        Gen.Select(Gen.Long[long.MinValue + 1, long.MaxValue], Gen.Int[0, 10_000])
            .Sample((ore, basisPoints) => Money.ApplyRate(-ore, basisPoints).ShouldBe(-Money.ApplyRate(ore, basisPoints)));

    [Fact]
    public void ApplyRate_is_within_half_an_ore_and_rounds_ties_away_from_zero() =>
        Gen.Select(Gen.Long[long.MinValue + 1, long.MaxValue], Gen.OneOf(Gen.Const(2500), Gen.Const(1200), Gen.Const(600), Gen.Int[0, 10_000]))
            .Sample((ore, basisPoints) =>
            {
                var exact = (Int128)ore * basisPoints; // in 1/10 000 öre
                var rounded = (Int128)Money.ApplyRate(ore, basisPoints) * 10_000;
                var error = Int128.Abs(rounded - exact);

                (error * 2).ShouldBeLessThanOrEqualTo(10_000);
                if (error * 2 == 10_000)
                    Int128.Abs(rounded).ShouldBeGreaterThan(Int128.Abs(exact));
            });

    [Fact]
    public void ApplyRate_on_small_amounts_hits_every_half_ore_tie() =>
        Gen.Select(Gen.Long[-1_000, 1_000], Gen.OneOf(Gen.Const(2500), Gen.Const(1200), Gen.Const(600), Gen.Const(5000)))
            .Sample((ore, basisPoints) =>
            {
                var expected = (long)Math.Round(ore * basisPoints / 10_000m, MidpointRounding.AwayFromZero);
                Money.ApplyRate(ore, basisPoints).ShouldBe(expected);
            });
}
