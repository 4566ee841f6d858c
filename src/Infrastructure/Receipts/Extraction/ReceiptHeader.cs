using System.Text.RegularExpressions;

namespace CleanLedger.Infrastructure.Receipts.Extraction;

/// <summary>The store's trading name: the first line of the receipt's header that reads like a name.</summary>
public static partial class ReceiptHeader
{
    private const int HeaderLines = 8;

    /// <summary>
    /// The vendor as printed in the header, which ends at the first amount. A legal name ("Pressgrottan
    /// i Malmö AB") gives its trading part. Confidence is high only when the same name is read a second
    /// time elsewhere (legal name, web address, footer), since a header in a logo font is often misread.
    /// </summary>
    public static (string Name, double Confidence)? Vendor(IReadOnlyList<string> lines)
    {
        foreach (var (raw, index) in lines.Take(HeaderLines).Select((l, i) => (l, i)))
        {
            if (ReceiptAmounts.Find(raw).Count > 0)
                break;
            var line = Trimmed(raw);
            if (!LooksLikeName(line))
                continue;

            var name = line;
            if (LegalForm().IsMatch(name))
                name = Seat().Replace(LegalForm().Replace(name, ""), "");
            var elsewhere = lines.Where((_, i) => i != index).ToList();
            name = WithDiacritics(name, elsewhere);
            return (name, ReadTwice(name, elsewhere) ? 0.9 : 0.6);
        }

        return null;
    }

    /// <summary>
    /// Upper-case print often loses the dots of Å, Ä and Ö ("NARBUTIKEN"); a word read with them
    /// elsewhere on the receipt ("Närbutiken Norrmalm AB") gives them back, in the header's casing.
    /// </summary>
    private static string WithDiacritics(string name, List<string> elsewhere)
    {
        var spelled = elsewhere.SelectMany(l => LongWord().Matches(l)).Select(m => m.Value)
            .Where(w => !w.All(char.IsAscii))
            .GroupBy(Fold).ToDictionary(g => g.Key, g => g.First());
        return LongWord().Replace(name, word =>
            !word.Value.All(char.IsAscii) || !spelled.TryGetValue(Fold(word.Value), out var better) ? word.Value
            : word.Value.All(c => !char.IsLower(c)) ? better.ToUpperInvariant()
            : better);
    }

    /// <summary>
    /// Whether the name's first word is printed again (legal name, web address, footer) and no word
    /// could still be missing the dots of Å, Ä or Ö, the misreading a second look does not catch.
    /// </summary>
    private static bool ReadTwice(string name, List<string> elsewhere)
    {
        var words = LongWord().Matches(name).Select(m => m.Value).ToList();
        bool Printed(string word) => elsewhere.Any(l => l.Contains(word, StringComparison.OrdinalIgnoreCase));
        return words.Count > 0 && words[0].Length >= 4 && Printed(words[0])
            && words.All(w => Printed(w) || !w.Any(c => c is 'A' or 'O' or 'a' or 'o'));
    }

    /// <summary>The line without surrounding noise: stray symbols, single digits and one- or two-letter fragments at either end.</summary>
    private static string Trimmed(string line) => EdgeNoise().Replace(Spaces().Replace(line, " "), "").Trim();

    /// <summary>Lower case without diacritics or anything but letters, to compare OCR readings of a name.</summary>
    private static string Fold(string text) =>
        string.Concat(text.Normalize(System.Text.NormalizationForm.FormD).Where(char.IsAsciiLetter)).ToLowerInvariant();

    private static bool LooksLikeName(string line)
    {
        var letters = line.Count(char.IsLetter);
        if (letters < 3 || letters < line.Length * 0.6 || !LongWord().IsMatch(line))
            return false;
        return !NotAName().IsMatch(line) && !PostCode().IsMatch(line) && !StreetAddress().IsMatch(line);
    }

    [GeneratedRegex(@"^(?:[^\p{L}\d]+|(?:\p{L}{1,2}|\d)[^\p{L}\d]+)+|(?:[^\p{L}\d.]+(?!AB\b|HB\b|KB\b)\p{L}{1,2}\b|[^\p{L}\d.]+)+$")]
    private static partial Regex EdgeNoise();

    // The seat in a legal name: "Pressgrottan i Malmö", "Brasseriet Sverige".
    [GeneratedRegex(@"\s+(?:i\s+\p{Lu}[\p{L}-]+|Sverige|Sweden|Norden|Nordic)$")]
    private static partial Regex Seat();

    [GeneratedRegex(@"\p{L}{3,}")]
    private static partial Regex LongWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    // "AB", "HB", "KB", "Aktiebolag", "Ekonomisk förening" after the name (the legal name, not the trading one).
    [GeneratedRegex(@"\s+(?:\(publ\)\s*)?(?:AB|HB|KB|GmbH|Aktiebolag|Handelsbolag|Ek\.?\s*för\.?|Ekonomisk förening)\.?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex LegalForm();

    [GeneratedRegex(@"(?:^\W*(?:kopia|välkommen|valkommen|welcome|tack|kassakvitto|faktura|receipt|bokning|kund|tel|telefon|phone|org|moms|vat|www\.|http|datum|date|kassa|öppet|butik\b|restaurang\s*$))|kvitto|bekräftelse|summa|antal|artikel|\bpump\b|invoice|factuur|rechnung|öffnungszeiten|offnungszeiten|@|\btel\b|\d{3,}|:|\bbord\b|kassör|gäster", RegexOptions.IgnoreCase)]
    private static partial Regex NotAName();

    [GeneratedRegex(@"\b\d{3}\s?\d{2}\s+\p{L}")]
    private static partial Regex PostCode();

    [GeneratedRegex(@"\p{L}(?:gatan|gata|vägen|väg|torget|torg|plan|allén|backe|stigen|gränd|gången|leden|road|street|straße|strasse|katu)\b|\bjalan\b", RegexOptions.IgnoreCase)]
    private static partial Regex StreetAddress();
}
