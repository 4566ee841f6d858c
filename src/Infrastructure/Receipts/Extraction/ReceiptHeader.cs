using System.Text.RegularExpressions;

namespace CleanLedger.Infrastructure.Receipts.Extraction;

/// <summary>The store's trading name: the first line of the receipt's header that reads like a name.</summary>
public static partial class ReceiptHeader
{
    private const int HeaderLines = 8;

    /// <summary>The vendor as printed (legal form such as "AB" dropped), with a confidence, or null.</summary>
    public static (string Name, double Confidence)? Vendor(IReadOnlyList<string> lines)
    {
        var skipped = 0;
        foreach (var raw in lines.Take(HeaderLines))
        {
            var line = raw.Trim();
            if (!LooksLikeName(line))
            {
                if (line.Length > 0)
                    skipped++;
                continue;
            }

            var name = LegalForm().Replace(Spaces().Replace(line, " "), "").Trim(' ', '*', '-', '=', '.', ',');
            // Ordinary header (nothing garbled above it) reads well; a name after noise may be noise itself.
            return (name, skipped == 0 ? 0.85 : 0.5);
        }

        return null;
    }

    private static bool LooksLikeName(string line)
    {
        var letters = line.Count(char.IsLetter);
        if (letters < 3 || letters < line.Length * 0.6 || !LongWord().IsMatch(line))
            return false;
        return !NotAName().IsMatch(line) && !PostCode().IsMatch(line) && !StreetAddress().IsMatch(line);
    }

    [GeneratedRegex(@"\p{L}{3,}")]
    private static partial Regex LongWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    // "AB", "HB", "KB", "Aktiebolag", "Ekonomisk förening" after the name (the legal name, not the trading one).
    [GeneratedRegex(@"\s+(?:AB|HB|KB|Aktiebolag|Handelsbolag|Ek\.?\s*för\.?|Ekonomisk förening)\.?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex LegalForm();

    [GeneratedRegex(@"^\W*(?:kvitto|kopia|välkommen|valkommen|welcome|tack|kassakvitto|faktura|invoice|receipt|bokning|kund|tel|telefon|phone|org|moms|vat|www\.|http|datum|date|kassa|öppet|butik\b|restaurang\s*$)|@|\btel\b|\d{3,}", RegexOptions.IgnoreCase)]
    private static partial Regex NotAName();

    [GeneratedRegex(@"\b\d{3}\s?\d{2}\s+\p{L}")]
    private static partial Regex PostCode();

    [GeneratedRegex(@"(?:gatan|gata|vägen|väg|torget|torg|plan|allén|backe|stigen|gränd|leden|road|street|jalan|straße|strasse|katu)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StreetAddress();
}
