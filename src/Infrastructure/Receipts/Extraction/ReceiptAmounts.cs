using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CleanLedger.Infrastructure.Receipts.Extraction;

/// <summary>An amount found in a line of text, in öre, with where it was printed.</summary>
public readonly record struct PrintedAmount(long Ore, int Start, int End);

/// <summary>
/// Reads money amounts as printed on receipts: Swedish "1 234,50", "1.234,50", "-12,90", "12,90-",
/// "29:-", as well as "1,234.56" and "12,34 €". Amounts need two decimals (or ":-"), so quantities,
/// weights, percentages and dates are not mistaken for money.
/// </summary>
public static partial class ReceiptAmounts
{
    /// <summary>All amounts in a line, left to right.</summary>
    public static IReadOnlyList<PrintedAmount> Find(string line)
    {
        var text = FixOcrDigits(line);
        var amounts = new List<PrintedAmount>();
        foreach (Match match in DecimalAmount().Matches(text))
        {
            var whole = match.Groups["whole"].Value.Replace(" ", "", StringComparison.Ordinal)
                .Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal)
                .Replace("'", "", StringComparison.Ordinal);
            if (!long.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out var kronor) || kronor > 100_000_000)
                continue;
            var ore = kronor * 100 + int.Parse(match.Groups["ore"].Value, CultureInfo.InvariantCulture);
            var negative = match.Groups["lead"].Success || match.Groups["trail"].Success;
            amounts.Add(new PrintedAmount(negative ? -ore : ore, match.Index, match.Index + match.Length));
        }

        foreach (Match match in WholeKronor().Matches(text))
        {
            if (amounts.Any(a => a.Start < match.Index + match.Length && match.Index < a.End))
                continue;
            var kronor = long.Parse(match.Groups["whole"].Value, CultureInfo.InvariantCulture);
            amounts.Add(new PrintedAmount(kronor * 100, match.Index, match.Index + match.Length));
        }

        amounts.Sort((a, b) => a.Start.CompareTo(b.Start));
        return amounts;
    }

    /// <summary>The last amount of a line (receipts print the amount at the right), if any.</summary>
    public static long? Last(string line) => Find(line) is [.., var last] ? last.Ore : null;

    /// <summary>
    /// Undoes Tesseract's usual letter-for-digit confusions (O/o/D→0, l/I/|→1, S→5, B→8) inside
    /// numbers: only where the letter touches a digit and sits between digits or separators.
    /// </summary>
    public static string FixOcrDigits(string line)
    {
        // After a currency prefix ("RM5.00", read "RMS.00") the letters can only be digits.
        line = PrefixedAmount().Replace(line, m => m.Groups["prefix"].Value + m.Groups["digits"].Value
            .Replace('S', '5').Replace('O', '0').Replace('Z', '2').Replace('l', '1').Replace('I', '1'));
        // "I 145,15": a thousands digit 1 read as a letter standing alone.
        line = LoneOne().Replace(line, "1");
        var builder = new StringBuilder(line);
        for (var i = 0; i < builder.Length; i++)
        {
            var digit = builder[i] switch
            {
                'O' or 'o' or 'D' => '0',
                'l' or 'I' or '|' => '1',
                'S' => '5',
                'B' => '8',
                _ => '\0',
            };
            if (digit == '\0')
                continue;
            var before = i > 0 ? builder[i - 1] : ' ';
            var after = i + 1 < builder.Length ? builder[i + 1] : ' ';
            if ((char.IsAsciiDigit(before) && IsNumeric(after)) || (IsNumeric(before) && char.IsAsciiDigit(after)))
                builder[i] = digit;
        }

        return builder.ToString();

        static bool IsNumeric(char c) => char.IsAsciiDigit(c) || c is ',' or '.';
    }

    // Whole part: plain digits or groups of three after a space, dot, comma or apostrophe; then a
    // decimal comma or dot (OCR sometimes adds a space around it) and exactly two öre digits. A date
    // like 23.01.2026 is excluded by refusing a separator-and-digit right after the öre.
    [GeneratedRegex(@"(?<![\d.,:])(?<lead>-\s?)?(?<whole>\d{1,3}(?:[ .,']\d{3})+|\d+)\s?[.,]\s?(?<ore>\d{2})(?!\d|[.,:]\d)(?<trail>-(?!\d))?")]
    private static partial Regex DecimalAmount();

    [GeneratedRegex(@"(?<=^|\s)[Il](?=\s\d{3}[.,]\d{2}(?!\d))")]
    private static partial Regex LoneOne();

    [GeneratedRegex(@"(?<prefix>\bRM\s?)(?<digits>[\dSOZlI]{1,6})(?=\s?[.,]\s?\d)")]
    private static partial Regex PrefixedAmount();

    // "29:-" and "80 kr" / "80 SEK": whole kronor.
    [GeneratedRegex(@"(?<![\d.,:])(?<whole>\d{1,7})(?::-|\s?(?:kr|SEK)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex WholeKronor();
}
