using System.Globalization;
using CleanLedger.Domain.Organizations;

namespace CleanLedger.Domain.Receipts;

/// <summary>
/// How the organisation's vendor memory recognises a vendor again: by its organisationsnummer when
/// the receipt shows one, and by its name (case and spacing aside), since a chain's shops print the
/// same name under different organisation numbers. Most specific first.
/// </summary>
public static class VendorKey
{
    public static IReadOnlyList<string> Of(ReceiptExtraction receipt)
    {
        var keys = new List<string>(2);
        if (OrgNumber.TryParse(receipt.OrgNumber, out var number))
            keys.Add($"org:{number.Digits}");
        if (!string.IsNullOrWhiteSpace(receipt.Vendor))
        {
            var words = receipt.Vendor.ToLower(CultureInfo.GetCultureInfo("sv-SE")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            keys.Add("name:" + string.Join(' ', words));
        }

        return keys;
    }
}
