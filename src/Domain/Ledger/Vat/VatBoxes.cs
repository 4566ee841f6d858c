namespace CleanLedger.Domain.Ledger.Vat;

/// <summary>
/// The momsdeklaration (SKV 4700) boxes our VAT codes and BAS accounts produce, computed from the
/// net movement (debit − credit, öre) of each account in the period. Each box is reported in
/// whole kronor, öre dropped (truncated toward zero); box 49 is computed from the reported boxes.
/// Totals are <see cref="Int128"/>: no number of verifications at the ceilings overflows them.
/// Account mapping: common BAS practice (domain reference §2.3).
/// </summary>
public static class VatBoxes
{
    /// <summary>Box, accounts (inclusive ranges), and whether the box reads credits as positive (sales and output VAT).</summary>
    private static readonly (string Box, (int From, int To)[] Accounts, bool CreditPositive)[] Map =
    [
        ("05", [(3000, 3003), (3005, 3099)], true),
        ("10", [(2610, 2613)], true),
        ("11", [(2620, 2623)], true),
        ("12", [(2630, 2633)], true),
        ("20", [(4515, 4517)], false),
        ("21", [(4535, 4537)], false),
        ("22", [(4531, 4533)], false),
        ("23", [(4415, 4417)], false),
        ("24", [(4425, 4427)], false),
        ("30", [(2614, 2614), (2617, 2617)], true),
        ("31", [(2624, 2624), (2627, 2627)], true),
        ("32", [(2634, 2634), (2637, 2637)], true),
        ("35", [(3108, 3108)], true),
        ("36", [(3105, 3105)], true),
        ("39", [(3308, 3308)], true),
        ("40", [(3305, 3305)], true),
        ("41", [(3231, 3231)], true),
        ("42", [(3004, 3004)], true),
        ("48", [(2640, 2649)], false),
        ("50", [(4545, 4547)], false),
        ("60", [(2615, 2615)], true),
        ("61", [(2625, 2625)], true),
        ("62", [(2635, 2635)], true),
    ];

    private static readonly string[] OutputVatBoxes = ["10", "11", "12", "30", "31", "32", "60", "61", "62"];

    /// <summary>Every box we produce, in box order, in whole kronor, including 49 (to pay, or negative: to get back).</summary>
    public static IReadOnlyDictionary<string, Int128> Compute(IReadOnlyDictionary<int, Int128> netOreByAccount)
    {
        var boxes = new SortedDictionary<string, Int128>(StringComparer.Ordinal);
        foreach (var (box, accounts, creditPositive) in Map)
        {
            Int128 ore = 0;
            foreach (var (account, net) in netOreByAccount)
            {
                if (accounts.Any(range => account >= range.From && account <= range.To))
                    ore += creditPositive ? -net : net;
            }

            boxes[box] = ore / 100;
        }

        boxes["49"] = OutputVatBoxes.Aggregate(Int128.Zero, (sum, box) => sum + boxes[box]) - boxes["48"];
        return boxes;
    }
}
