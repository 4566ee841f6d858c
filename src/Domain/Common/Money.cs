using System.Globalization;

namespace CleanLedger.Domain.Common;

/// <summary>
/// An exact amount: whole öre in a <see cref="long"/> and a currency (ISO 4217). Never a float;
/// rounding happens only where a rate is applied, explicitly, half away from zero.
/// </summary>
public readonly record struct Money(long Ore, string Currency)
{
    public const string Sek = "SEK";

    public static Money FromOre(long ore, string currency = Sek) => new(ore, currency);

    /// <summary>Parses kronor as written in the contract: "1234.50", "-3", "0.5" (at most two decimals).</summary>
    public static bool TryParseKronor(string? text, out long ore)
    {
        ore = 0;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var kronor))
            return false;
        return TryFromKronor(kronor, out ore);
    }

    /// <summary>Kronor with at most two decimals, within ±10^15 kr.</summary>
    public static bool TryFromKronor(decimal kronor, out long ore)
    {
        ore = 0;
        if (Math.Abs(kronor) > 1_000_000_000_000_000m)
            return false;
        var scaled = kronor * 100m;
        if (scaled != decimal.Truncate(scaled))
            return false;
        ore = (long)scaled;
        return true;
    }

    /// <summary>"1234.50": kronor with two decimals, invariant culture, as the contract prints money.</summary>
    public static string FormatKronor(Int128 ore)
    {
        var sign = ore < 0 ? "-" : "";
        var absolute = Int128.Abs(ore);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{absolute / 100}.{absolute % 100:00}");
    }

    /// <summary><paramref name="ore"/> × <paramref name="basisPoints"/> / 10 000, rounded half away from zero.</summary>
    public static long ApplyRate(long ore, int basisPoints)
    {
        var product = (Int128)ore * basisPoints;
        var quotient = product / 10_000;
        var remainder = product % 10_000;
        if (Int128.Abs(remainder) * 2 >= 10_000)
            quotient += Int128.Sign(product);
        return (long)quotient;
    }

    /// <summary>
    /// The VAT contained in a gross amount at <paramref name="percent"/>: gross × rate / (100 + rate),
    /// rounded half away from zero to the öre, in whole numbers so that no division is inexact.
    /// </summary>
    public static long VatInGross(long grossOre, int percent)
    {
        var product = (Int128)grossOre * percent;
        var divisor = 100 + percent;
        var quotient = product / divisor;
        if (Int128.Abs(product % divisor) * 2 >= divisor)
            quotient += Int128.Sign(product);
        return (long)quotient;
    }

    public static Money operator +(Money left, Money right) => new(checked(left.Ore + right.Ore), SameCurrency(left, right));

    public static Money operator -(Money left, Money right) => new(checked(left.Ore - right.Ore), SameCurrency(left, right));

    public override string ToString() => $"{FormatKronor(Ore)} {Currency}";

    private static string SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency
            ? left.Currency
            : throw new DomainException("money.currency_mismatch", $"Cannot combine {left.Currency} and {right.Currency}.");
}
