using System.Globalization;
using CleanLedger.Domain.Common;

namespace CleanLedger.Domain.Identity;

/// <summary>
/// A Swedish personal identity number as a BankID broker asserts it: twelve digits
/// (YYYYMMDDNNNC), a real month and a day of the month (a samordningsnummer's day plus 60), the
/// last a Luhn check digit over the ten after the century. It is kept only as a keyed hash; this
/// type never prints it, so no log line or exception message can carry it by accident.
/// </summary>
public sealed class Personnummer
{
    public const int Length = 12;

    /// <summary>A samordningsnummer (coordination number) adds this to the day of birth.</summary>
    private const int CoordinationDayOffset = 60;

    /// <summary>The century digits (YY of YYYYMMDD) are not part of the check digit's ten.</summary>
    private const int CenturyDigits = 2;

    private Personnummer(string digits) => Digits = digits;

    /// <summary>The twelve digits: what the keyed hash is taken of, never to be shown or stored.</summary>
    public string Digits { get; }

    public static bool TryParse(string? text, out Personnummer? number)
    {
        number = null;
        if (text is not { Length: Length } || !text.All(char.IsAsciiDigit) || !Luhn.HasValidCheckDigit(text.AsSpan(CenturyDigits)))
            return false;

        var month = int.Parse(text.AsSpan(4, 2), CultureInfo.InvariantCulture);
        var day = int.Parse(text.AsSpan(6, 2), CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day is not ((>= 1 and <= 31) or (>= 1 + CoordinationDayOffset and <= 31 + CoordinationDayOffset)))
            return false;

        number = new Personnummer(text);
        return true;
    }

    /// <summary>Masked: the number itself is never written out.</summary>
    public override string ToString() => "personnummer (withheld)";
}
