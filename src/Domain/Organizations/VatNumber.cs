using CleanLedger.Domain.Common;

namespace CleanLedger.Domain.Organizations;

/// <summary>
/// A Swedish VAT registration number (momsregistreringsnummer): "SE", the ten digits of the
/// organisation or personal number (Luhn-checked), and "01".
/// </summary>
public readonly record struct VatNumber
{
    private VatNumber(OrgNumber orgNumber) => OrgNumber = orgNumber;

    public OrgNumber OrgNumber { get; }

    public static VatNumber For(OrgNumber orgNumber) => new(orgNumber);

    public static bool TryParse(string? text, out VatNumber number)
    {
        number = default;
        if (text is null)
            return false;

        var compact = text.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length != 14 || !compact.StartsWith("SE", StringComparison.Ordinal) || !compact.EndsWith("01", StringComparison.Ordinal)
            || !OrgNumber.TryParse(compact[2..12], out var orgNumber))
            return false;

        number = new VatNumber(orgNumber);
        return true;
    }

    public static VatNumber Parse(string? text) =>
        TryParse(text, out var number)
            ? number
            : throw new DomainException("vat_number.invalid", $"'{text}' is not a Swedish VAT number (SE + ten digits + 01).");

    public override string ToString() => OrgNumber.Digits is null ? string.Empty : $"SE{OrgNumber.Digits}01";
}
