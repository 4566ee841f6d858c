using System.Globalization;
using System.Text.RegularExpressions;

namespace CleanLedger.Infrastructure.Receipts.Extraction;

/// <summary>A date printed on a receipt and how plausible the reading is (0..1).</summary>
public readonly record struct PrintedDate(DateOnly Date, double Weight);

/// <summary>
/// Finds the transaction date among the many ways Swedish (and foreign) receipts print dates, and
/// ignores the dates that are not the purchase: travel days, hotel stays, parking periods, due dates.
/// </summary>
public static partial class ReceiptDates
{
    private const int EarliestYear = 2000;
    private const int LatestYear = 2099;

    // A later year is a misread decade (2095 for 2025): read only where separators make it a date
    // (eight bare digits may be any reference number), weighing little, and corrected or dropped
    // where the upload day is known (ReceiptExtraction.WithDateNotAfter).
    private const int LatestLikelyYear = 2039;
    private const double MisreadDecadeWeight = 0.3;

    /// <summary>
    /// The transaction date and how sure the reading is (before OCR quality is taken into account):
    /// dates beside a purchase label or a time weigh more, dates beside a travel, stay, parking or
    /// due label are dropped, and the same date printed twice (receipt and card slip) confirms itself.
    /// The only date, stamped with a time, is nearly as sure as one printed twice. A parking or stay
    /// receipt that prints no other date is dated by the last of its start and end lines — its end,
    /// when it is paid, where both are printed — unsurely.
    /// </summary>
    /// <param name="lines">The receipt's lines.</param>
    /// <param name="swedish">Whether the receipt is Swedish, where "26-01-23" puts the year first.</param>
    public static (DateOnly Date, double Confidence)? Choose(IReadOnlyList<string> lines, bool swedish = true)
    {
        const double LabelledWithTime = 2.5;
        var scores = new Dictionary<DateOnly, (double Score, HashSet<int> Lines)>();
        DateOnly? periodEnd = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var readings = Find(line, swedish);
            if (readings.Count > 0 && PeriodBound().IsMatch(line))
                periodEnd = readings.MaxBy(reading => reading.Weight).Date; // the end is printed after the start
            if (readings.Count == 0 || NotThePurchase().IsMatch(line) || Period().IsMatch(line)
                || (i > 0 && IsBareDate(line) && NotThePurchase().IsMatch(lines[i - 1])))
                continue;
            var context = 1.0;
            if (PurchaseLabel().IsMatch(line))
                context += 1.0;
            if (TimeOfDay().IsMatch(line))
                context += 0.5;
            foreach (var reading in readings)
            {
                var (score, seen) = scores.TryGetValue(reading.Date, out var entry) ? entry : (0, new HashSet<int>());
                seen.Add(i);
                scores[reading.Date] = (score + reading.Weight * context, seen);
            }
        }

        if (scores.Count == 0)
            return periodEnd is { } end ? (end, 0.5) : null;
        var ranked = scores.OrderByDescending(s => s.Value.Score).ToList();
        var (best, (bestScore, bestLines)) = (ranked[0].Key, ranked[0].Value);
        var runnerUp = ranked.Count > 1 ? ranked[1].Value.Score : 0;

        // Confirmed: printed twice (receipt and card slip), or the only date, beside a purchase label and a time of day.
        // The only reading of the only date, stamped with a time as tills print it, is nearly as sure.
        var confirmed = bestLines.Count >= 2 || (bestScore >= LabelledWithTime && ranked.Count == 1);
        var stamped = ranked.Count == 1 && bestLines.Any(line => TimeOfDay().IsMatch(lines[line]));
        var confidence = confirmed ? 0.95 : stamped ? 0.9 : bestScore >= 2.0 ? 0.85 : 0.6;
        if (runnerUp > bestScore / 2)
            confidence -= 0.25;
        return (best, confidence);
    }

    private static bool IsBareDate(string line) => !line.Any(char.IsLetter);

    /// <summary>Every date reading in one line (an ambiguous "23-01-26" yields both readings, weighted).</summary>
    public static IReadOnlyList<PrintedDate> Find(string line, bool swedish = true)
    {
        var text = ReceiptAmounts.FixOcrDigits(line);
        var found = new List<PrintedDate>();
        var taken = new List<(int Start, int End)>();

        void Add(Match match, int year, int month, int day, double weight)
        {
            if (year is < EarliestYear or > LatestYear || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
                return;
            found.Add(new PrintedDate(new DateOnly(year, month, day), year > LatestLikelyYear ? Math.Min(weight, MisreadDecadeWeight) : weight));
            taken.Add((match.Index, match.Index + match.Length));
        }

        bool Overlaps(Match match) => taken.Any(t => t.Start < match.Index + match.Length && match.Index < t.End);

        foreach (Match m in IsoDate().Matches(text))
        {
            // A century misread by one digit ("9025-05-01", "2625-05-13") still names this century, less
            // surely; only with separators, as eight bare digits may be any reference number.
            var century = m.Groups["c"].Value;
            var separated = m.Groups["s"].Length > 0;
            var weight = century == "20" && (separated || 2000 + Int(m, "y") <= LatestLikelyYear) ? 1.0
                : separated && (century[0] == '2' || century[1] == '0') ? 0.5 : 0;
            if (weight > 0)
                Add(m, 2000 + Int(m, "y"), Int(m, "m"), Int(m, "d"), weight);
        }

        foreach (Match m in DayMonthYear().Matches(text))
        {
            if (Overlaps(m))
                continue;
            var (first, second) = (Int(m, "a"), Int(m, "b"));
            // Day first as in Europe; an American month-first date shows itself by a "day" above 12.
            if (second > 12 && first <= 12)
                Add(m, Int(m, "y"), first, second, 0.8);
            else
                Add(m, Int(m, "y"), second, first, 0.9);
        }

        foreach (Match m in MonthName().Matches(text))
        {
            if (!Overlaps(m) && MonthNumber(m.Groups["mon"].Value) is { } month)
                Add(m, Year(m.Groups["y"].Value), month, Int(m, "d"), 1.0);
        }

        foreach (Match m in MonthNameFirst().Matches(text))
        {
            if (!Overlaps(m) && MonthNumber(m.Groups["mon"].Value) is { } month)
                Add(m, Int(m, "y"), month, Int(m, "d"), 0.9);
        }

        foreach (Match m in TwoDigitYear().Matches(text))
        {
            if (Overlaps(m))
                continue;
            var (a, b, c) = (Int(m, "a"), Int(m, "b"), Int(m, "c"));
            // Swedish short dates are year first (26-01-23) with dashes, day first with dots and
            // slashes (23.01.26, 23/1-26), as elsewhere; the other reading stays as a weaker alternative.
            var yearFirst = swedish && m.Groups["s1"].Value == "-" && m.Groups["s2"].Value == "-";
            Add(m, 2000 + a, b, c, yearFirst ? 0.7 : 0.3);
            Add(m, 2000 + c, b, a, yearFirst ? 0.3 : 0.7);
        }

        return found;
    }

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static int Year(string digits)
    {
        var year = int.Parse(digits, CultureInfo.InvariantCulture);
        return year < 100 ? 2000 + year : year;
    }

    // Month-name prefixes in Swedish, English, German, Finnish-borrowed and French spelling.
    private static readonly (string Prefix, int Month)[] Months =
    [
        ("jan", 1), ("feb", 2), ("fév", 2), ("mar", 3), ("mär", 3), ("apr", 4), ("avr", 4), ("maj", 5), ("may", 5), ("mai", 5),
        ("juin", 6), ("juil", 7), ("jun", 6), ("jul", 7), ("aug", 8), ("aoû", 8), ("aou", 8), ("sep", 9), ("okt", 10), ("oct", 10),
        ("nov", 11), ("dec", 12), ("dez", 12), ("déc", 12),
    ];

    private static int? MonthNumber(string name)
    {
        var lower = name.ToLowerInvariant();
        return Months.Where(m => lower.StartsWith(m.Prefix, StringComparison.Ordinal)).Select(m => (int?)m.Month).FirstOrDefault();
    }

    // The purchase, payment, order, receipt or invoice date.
    [GeneratedRegex(@"datum|date|köp|kvitto|betal|order|tid\b|kl\b|såld|sold|tarikh|päivä", RegexOptions.IgnoreCase)]
    private static partial Regex PurchaseLabel();

    // Dates that are not the purchase: travel, stays, parking periods, validity and due dates.
    [GeneratedRegex(@"förfall|forfall|förfaller|resdag|avresa|avgång|ankomst|incheck|utcheck|giltig|start|slut|betala senast|due|check.?in|check.?out|arrival|departure|valid|fällig|eräpäivä|utgår|bäst före|period", RegexOptions.IgnoreCase)]
    private static partial Regex NotThePurchase();

    // The start and end of a parking or a stay (not of a journey, whose dates follow the purchase).
    [GeneratedRegex(@"start|slut|incheck|utcheck|check.?in|check.?out", RegexOptions.IgnoreCase)]
    private static partial Regex PeriodBound();

    // A period such as "01.05.14-31.05.14" or "2025-05-01 - 2025-05-31": a billing or stay period, not a purchase.
    [GeneratedRegex(@"\d\s?[-–]\s?(?:\d{1,2}[./]\d{1,2}[./]\d{2}|20\d\d-\d\d-\d\d)")]
    private static partial Regex Period();

    [GeneratedRegex(@"(?<!\d)([01]?\d|2[0-3])[:.][0-5]\d(?![\d,]|\.\d)")]
    private static partial Regex TimeOfDay();

    // 2026-01-23, 2026.01.23, 2026/01/23, 20260123.
    [GeneratedRegex(@"(?<![\d.,])(?<c>\d{2})(?<y>\d{2})(?<s>[-./]?)(?<m>0[1-9]|1[0-2])\k<s>(?<d>0[1-9]|[12]\d|3[01])(?![\d,]|\.\d)")]
    private static partial Regex IsoDate();

    // 23/01/2026, 23.01.2026, 23-01-2026, 1/3/2026, and OCR's "23.01, 2026".
    [GeneratedRegex(@"(?<![\d.,])(?<a>\d{1,2})\s?[-./]\s?(?<b>\d{1,2})\s?[-./,]\s?(?<y>20\d{2})(?!\d)")]
    private static partial Regex DayMonthYear();

    // 23-01-26, 26-01-23, 23.01.26, 23/01/26, 14/3-26.
    [GeneratedRegex(@"(?<![\d.,:/-])(?<a>\d{1,2})(?<s1>[-./])(?<b>\d{1,2})(?<s2>[-./])(?<c>\d{2})(?![\d:]|[.,]\d)")]
    private static partial Regex TwoDigitYear();

    // 23 jan 2026, 23 januari 2026, 23. Januar 2026, 23-Jan-2026, 23 MAR 26.
    [GeneratedRegex(@"(?<![\d])(?<d>\d{1,2})\.?[\s-]?(?<mon>(?:jan|feb|fév|mar|mär|apr|avr|maj|may|mai|jun|jui|jul|aug|aoû|aou|sep|okt|oct|nov|de[cz]|déc)[a-zäöéû]*)\.?[\s-]?(?<y>20\d{2}|\d{2})(?!\d)", RegexOptions.IgnoreCase)]
    private static partial Regex MonthName();

    // January 23, 2026 / Jan 23 2026.
    [GeneratedRegex(@"\b(?<mon>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\.?\s(?<d>\d{1,2})\s?,?\s(?<y>20\d{2})(?!\d)", RegexOptions.IgnoreCase)]
    private static partial Regex MonthNameFirst();
}
