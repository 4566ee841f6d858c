using System.Globalization;
using CleanLedger.Domain.Common;

namespace CleanLedger.Domain.Ledger;

/// <summary>A BAS account number: four digits, 1000–8999 (the first digit is the account class).</summary>
public readonly record struct AccountNumber
{
    public AccountNumber(int value)
    {
        if (value is < 1000 or > 8999)
            throw new DomainException("account.invalid", $"{value} is not a BAS account number (1000–8999).");
        Value = value;
    }

    public int Value { get; }

    /// <summary>1 assets, 2 equity and liabilities, 3 revenue, 4–7 costs, 8 financial items and result.</summary>
    public int Class => Value / 1000;

    public static bool TryParse(string? text, out AccountNumber number)
    {
        number = default;
        if (text is not { Length: 4 } || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1000 or > 8999)
            return false;
        number = new AccountNumber(value);
        return true;
    }

    public static AccountNumber Parse(string? text) =>
        TryParse(text, out var number) ? number : throw new DomainException("account.invalid", $"'{text}' is not a BAS account number (1000–8999).");

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
