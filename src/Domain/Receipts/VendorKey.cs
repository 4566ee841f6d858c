using System.Globalization;
using System.Text;
using CleanLedger.Domain.Organizations;

namespace CleanLedger.Domain.Receipts;

/// <summary>
/// How the organisation's vendor memory recognises a vendor again: by its organisationsnummer when
/// the receipt shows one (branches of a chain share it), else by its name, case and spacing aside.
/// </summary>
public static class VendorKey
{
    public static string? Of(ReceiptExtraction receipt)
    {
        if (OrgNumber.TryParse(receipt.OrgNumber, out var number))
            return $"org:{number.Digits}";
        if (string.IsNullOrWhiteSpace(receipt.Vendor))
            return null;

        var name = new StringBuilder();
        foreach (var part in receipt.Vendor.ToLower(CultureInfo.GetCultureInfo("sv-SE")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            name.Append(name.Length == 0 ? "" : " ").Append(part);
        return $"name:{name}";
    }
}
