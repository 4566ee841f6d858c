using System.Text;
using System.Text.RegularExpressions;
using CleanLedger.Domain.Organizations;

namespace CleanLedger.Infrastructure.Receipts.Extraction;

/// <summary>
/// The seller's organisationsnummer and momsregistreringsnummer. Both carry a Luhn check digit; a wrong
/// number is worse than none, so an OCR repair is tried only when exactly one single-character fix
/// gives a number that passes the check and could have been issued.
/// </summary>
public static partial class ReceiptParties
{
    private const double RepairedConfidence = 0.4;

    // Digits Tesseract confuses with each other in receipt fonts.
    private static readonly Dictionary<char, string> LookAlikes = new()
    {
        ['0'] = "869", ['1'] = "74", ['2'] = "7", ['3'] = "8958", ['4'] = "1", ['5'] = "63",
        ['6'] = "508", ['7'] = "12", ['8'] = "3605", ['9'] = "830",
    };

    // Signs read in place of a digit, and the digit each is taken for.
    private static readonly Dictionary<char, char> DigitLikeSigns = new()
    {
        ['O'] = '0', ['o'] = '0', ['D'] = '0', ['Q'] = '0', ['l'] = '1', ['I'] = '1', ['S'] = '5',
        ['$'] = '5', ['B'] = '8', ['Z'] = '2',
    };

    // Signs read in place of a digit that could be any of several: taken for one only as a repair.
    private static readonly Dictionary<char, string> AmbiguousSigns = new() { ['@'] = "069", ['a'] = "869", ['s'] = "58" };

    /// <summary>The organisation number after an "Org.nr"-like label (confidence 0.95), repaired (0.4), or unlabelled (0.6).</summary>
    public static (OrgNumber Number, double Confidence)? OrgNumber(IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            if (OrgLabel().Match(line) is not { Success: true } label)
                continue;
            if (DigitsRead(line[(label.Index + label.Length)..], 11) is { } read && Number(read) is { } found)
                return (found.Number, found.Repaired ? RepairedConfidence : 0.95);
        }

        foreach (var line in lines)
        {
            foreach (Match match in BareOrgNumber().Matches(ReceiptAmounts.FixOcrDigits(line)))
            {
                if (Domain.Organizations.OrgNumber.TryParse(match.Value, out var number))
                    return (number, 0.6);
            }
        }

        return null;
    }

    /// <summary>The VAT number after a "Momsreg.nr"/"VAT nr" label (0.9–0.95) or written out as "SE…01" (0.8), repaired (0.4).</summary>
    public static (VatNumber Number, double Confidence)? VatNumber(IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            var text = ReceiptAmounts.FixOcrDigits(line);
            var label = VatLabel().Match(text);
            if (SwedishVatNumber().Match(text) is { Success: true } written
                && Domain.Organizations.VatNumber.TryParse(written.Value, out var number))
                return (number, label.Success ? 0.95 : 0.8);

            // OCR reads "SE" as "$£" or "5E", which may add a digit in front: the number is the last twelve signs
            // read, and only a number read without that extra digit is placed surely enough to be repaired.
            var rest = label.Success ? text[(label.Index + label.Length)..]
                : WrittenOut().Match(text) is { Success: true } start ? text[start.Index..]
                : null;
            if (rest is not null
                && DigitsRead(rest.Replace("SE", "", StringComparison.OrdinalIgnoreCase).Replace("$£", "", StringComparison.Ordinal), 13) is { Length: >= 12 } read
                && AsRead(read[^2..]) == "01"
                && Number(read[^12..^2], repairable: read.Length == 12) is { } found)
                return (Domain.Organizations.VatNumber.For(found.Number), found.Repaired ? RepairedConfidence : label.Success ? 0.9 : 0.8);
        }

        return null;
    }

    /// <summary>
    /// Up to <paramref name="count"/> digits or signs read for digits from the start of a text, allowing
    /// dashes, spaces and the "SE" misread as "£" between them; null when fewer than ten were found. A
    /// sign that could be several digits does not start a number, and a space ends it once all but
    /// the one sign too many that <paramref name="count"/> allows are read (what follows is the next word).
    /// </summary>
    private static string? DigitsRead(string text, int count)
    {
        var read = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) || DigitLikeSigns.ContainsKey(c) || (AmbiguousSigns.ContainsKey(c) && read.Length > 0))
                read.Append(c);
            else if ((c is not (' ' or '-' or ':' or '.' or '£' or 'E' or 'e') && read.Length > 0) || (c == ' ' && read.Length >= count - 1))
                break;
            if (read.Length == count)
                break;
        }

        return read.Length >= 10 ? read.ToString() : null;
    }

    /// <summary>The first ten signs as read or, failing the check, the one repair that could have been issued.</summary>
    private static (OrgNumber Number, bool Repaired)? Number(string read, bool repairable = true)
    {
        if (Domain.Organizations.OrgNumber.TryParse(AsRead(read[..10]), out var asRead))
            return (asRead, false);
        if (!repairable)
            return null;
        var repairs = new HashSet<OrgNumber>();
        foreach (var digits in Repairs(read))
        {
            if (Domain.Organizations.OrgNumber.TryParse(digits, out var number) && number.CanBeIssued)
                repairs.Add(number);
        }

        return repairs.Count == 1 ? (repairs.Single(), true) : null;
    }

    /// <summary>
    /// Ten digits with one sign changed: a digit to one it resembles or an ambiguous sign to a digit it
    /// may be (in the first ten), or, when eleven were read, one of them dropped.
    /// </summary>
    private static IEnumerable<string> Repairs(string read)
    {
        for (var i = 0; i < 10; i++)
        {
            var alternatives = char.IsAsciiDigit(read[i]) ? LookAlikes[read[i]] : AmbiguousSigns.GetValueOrDefault(read[i], "");
            foreach (var alternative in alternatives)
                yield return AsRead(string.Concat(read.AsSpan(0, i), alternative.ToString(), read.AsSpan(i + 1, 9 - i)));
        }

        if (read.Length == 11)
        {
            for (var i = 0; i < 11; i++)
                yield return AsRead(read.Remove(i, 1));
        }
    }

    // An ambiguous sign stays unread ('?'), which no check passes.
    private static string AsRead(string read) => string.Concat(read.Select(c => char.IsAsciiDigit(c) ? c : DigitLikeSigns.GetValueOrDefault(c, '?')));

    // "Org.nr", "Org nr", "Orgnr", "Organisationsnr", "Org.nummer", with "nr" misread as "ar", "hr" or "mr".
    [GeneratedRegex(@"\b(?:org(?:anisations)?\.?\s*-?\s*(?:nr|nummer|no|[ahm]r)\b\.?|orgnr\.?)\s*:?", RegexOptions.IgnoreCase)]
    private static partial Regex OrgLabel();

    [GeneratedRegex(@"(?<![\d-])\d{6}-\d{4}(?![\d-])")]
    private static partial Regex BareOrgNumber();

    [GeneratedRegex(@"\b(?:momsreg(?:istrerings)?\.?\s*(?:nr|nummer)?\.?|momsnr|vat\s*(?:reg\.?\s*)?(?:nr|no|number|id)\.?|ust-?id(?:nr)?\.?)\s*:?", RegexOptions.IgnoreCase)]
    private static partial Regex VatLabel();

    [GeneratedRegex(@"\bSE\s?\d{6}-?\d{4}\s?01\b", RegexOptions.IgnoreCase)]
    private static partial Regex SwedishVatNumber();

    // "SE" and a digit or a sign read for one: the start of a VAT number written out without its label.
    [GeneratedRegex(@"\bSE(?=\s?[\dSOl$])")]
    private static partial Regex WrittenOut();
}
