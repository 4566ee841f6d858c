using System.Text;
using System.Text.RegularExpressions;
using CleanLedger.Domain.Organizations;

namespace CleanLedger.Infrastructure.Receipts.Extraction;

/// <summary>
/// The seller's organisationsnummer and momsregistreringsnummer. Both carry a Luhn check digit; a wrong
/// number is worse than none, so an OCR repair is tried only when exactly one single-character fix passes.
/// </summary>
public static partial class ReceiptParties
{
    // Digits Tesseract confuses with each other in receipt fonts.
    private static readonly Dictionary<char, string> LookAlikes = new()
    {
        ['0'] = "869", ['1'] = "74", ['2'] = "7", ['3'] = "8958", ['4'] = "1", ['5'] = "63",
        ['6'] = "508", ['7'] = "12", ['8'] = "3605", ['9'] = "830",
    };

    /// <summary>The organisation number after an "Org.nr"-like label (confidence 0.95), repaired (0.4), or unlabelled (0.6).</summary>
    public static (OrgNumber Number, double Confidence)? OrgNumber(IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            if (OrgLabel().Match(line) is not { Success: true } label)
                continue;
            if (Digits(line[(label.Index + label.Length)..], 10) is not { } digits)
                continue;
            if (Domain.Organizations.OrgNumber.TryParse(digits, out var number))
                return (number, 0.95);
            if (RepairedOrgNumber(digits) is { } repaired)
                return (repaired, 0.4);
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

    /// <summary>The VAT number after a "Momsreg.nr"/"VAT nr" label or written out as "SE…01".</summary>
    public static (VatNumber Number, double Confidence)? VatNumber(IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            var text = ReceiptAmounts.FixOcrDigits(line);
            var label = VatLabel().Match(text);
            if (SwedishVatNumber().Match(text) is { Success: true } written
                && Domain.Organizations.VatNumber.TryParse(written.Value, out var number))
                return (number, label.Success ? 0.95 : 0.8);

            // OCR reads "SE" as "$£" or "5E", which may add a digit in front: the number is the last twelve digits read.
            if (label.Success && Digits(text[(label.Index + label.Length)..].Replace("SE", "", StringComparison.OrdinalIgnoreCase), 13) is { Length: >= 12 } digits
                && Domain.Organizations.VatNumber.TryParse($"SE{digits[^12..]}", out var read))
                return (read, 0.9);
        }

        return null;
    }

    /// <summary>
    /// Up to <paramref name="count"/> digits from the start of a text, allowing dashes, spaces and OCR
    /// look-alike letters between them; null when fewer than ten were found.
    /// </summary>
    private static string? Digits(string text, int count)
    {
        var digits = new StringBuilder();
        foreach (var c in text)
        {
            var digit = c switch
            {
                'O' or 'o' or 'D' or 'Q' => '0',
                'l' or 'I' => '1',
                'S' or 's' => '5',
                'B' => '8',
                'Z' => '2',
                _ => c,
            };
            if (char.IsAsciiDigit(digit))
                digits.Append(digit);
            else if (digit is not (' ' or '-' or ':' or '.' or '£' or '$' or 'E' or 'e') && digits.Length > 0)
                break;
            if (digits.Length == count)
                break;
        }

        return digits.Length >= 10 ? digits.ToString() : null;
    }

    private static OrgNumber? RepairedOrgNumber(string digits)
    {
        var passing = new List<OrgNumber>();
        for (var i = 0; i < digits.Length; i++)
        {
            foreach (var alternative in LookAlikes[digits[i]])
            {
                var candidate = string.Concat(digits.AsSpan(0, i), alternative.ToString(), digits.AsSpan(i + 1));
                if (Domain.Organizations.OrgNumber.TryParse(candidate, out var number))
                    passing.Add(number);
            }
        }

        return passing.Count == 1 ? passing[0] : null;
    }

    // "Org.nr", "Org nr", "Orgnr", "Organisationsnr", "Org.nummer", with "nr" misread as "ar", "hr" or "mr".
    [GeneratedRegex(@"\b(?:org(?:anisations)?\.?\s*-?\s*(?:nr|nummer|no|[ahm]r)\b\.?|orgnr\.?)\s*:?", RegexOptions.IgnoreCase)]
    private static partial Regex OrgLabel();

    [GeneratedRegex(@"(?<![\d-])\d{6}-\d{4}(?![\d-])")]
    private static partial Regex BareOrgNumber();

    [GeneratedRegex(@"\b(?:momsreg(?:istrerings)?\.?\s*(?:nr|nummer)?\.?|momsnr|vat\s*(?:reg\.?\s*)?(?:nr|no|number|id)\.?|ust-?id(?:nr)?\.?)\s*:?", RegexOptions.IgnoreCase)]
    private static partial Regex VatLabel();

    [GeneratedRegex(@"\bSE\s?\d{6}-?\d{4}\s?01\b", RegexOptions.IgnoreCase)]
    private static partial Regex SwedishVatNumber();
}
