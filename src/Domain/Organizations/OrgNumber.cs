using System.Globalization;
using CleanLedger.Domain.Common;

namespace CleanLedger.Domain.Organizations;

/// <summary>
/// Swedish organisationsnummer (or personnummer for a sole trader): ten digits, the last a Luhn
/// check digit over the first nine. Stored and printed as NNNNNN-NNNN.
/// </summary>
public readonly record struct OrgNumber
{
    private OrgNumber(string digits) => Digits = digits;

    /// <summary>The ten digits without separator.</summary>
    public string Digits { get; }

    public static OrgNumber Parse(string? text) =>
        TryParse(text, out var number)
            ? number
            : throw new DomainException("org_number.invalid", $"'{text}' is not a valid Swedish organisation number.");

    public static bool TryParse(string? text, out OrgNumber number)
    {
        number = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;

        Span<char> digits = stackalloc char[10];
        var count = 0;
        foreach (var c in text.Trim())
        {
            if (c == '-' && count == 6)
                continue;
            if (!char.IsAsciiDigit(c) || count == 10)
                return false;
            digits[count++] = c;
        }

        if (count != 10 || !Luhn.HasValidCheckDigit(digits))
            return false;

        number = new OrgNumber(new string(digits));
        return true;
    }

    /// <summary>
    /// A personnummer, i.e. a sole trader (enskild firma): its third digit is a month's first
    /// digit (0–1), while a legal person's organisationsnummer has 2 or more there.
    /// </summary>
    public bool IsSoleTrader => Digits is not null && Digits[2] < '2';

    /// <summary>
    /// Whether a number like this is ever issued: a legal person's has 20 or more in digits 3–4 and
    /// a group that exists as its first digit (0 and 4 are none); a personnummer has a month and a day (a
    /// samordningsnummer's day plus 60). The check digit alone lets one in ten random numbers through.
    /// </summary>
    public bool CanBeIssued
    {
        get
        {
            if (Digits is null)
                return false;
            var month = int.Parse(Digits.AsSpan(2, 2), CultureInfo.InvariantCulture);
            if (month >= 20)
                return Digits[0] is not ('0' or '4');
            var day = int.Parse(Digits.AsSpan(4, 2), CultureInfo.InvariantCulture);
            return month is >= 1 and <= 12 && day is (>= 1 and <= 31) or (>= 61 and <= 91);
        }
    }

    public override string ToString() => Digits is null ? string.Empty : $"{Digits[..6]}-{Digits[6..]}";
}
