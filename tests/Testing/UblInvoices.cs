using System.Globalization;
using System.Text;

namespace CleanLedger.Testing;

/// <summary>One invoice line: the item's name, its net amount in öre and its VAT rate.</summary>
public sealed record UblLine(string Item, long NetOre, int Percent);

/// <summary>
/// Small Peppol BIS Billing 3.0 invoices in the structure of the OASIS UBL 2.1 and Peppol examples,
/// with a made-up supplier. The totals are computed from the lines unless a test overrides one to
/// break a rule of EN 16931 arithmetic.
/// </summary>
public sealed record UblInvoices
{
    public string Supplier { get; init; } = "Kontorsgrossisten Norrland AB";
    public string OrgNumber { get; init; } = "5565242236";
    public string Number { get; init; } = "F-2026-0417";
    public string IssueDate { get; init; } = "2026-06-15";
    public string DueDate { get; init; } = "2026-07-15";
    public string Currency { get; init; } = "SEK";

    public IReadOnlyList<UblLine> Lines { get; init; } =
        [new("Kontorsmaterial A4 papper 80 g", 1_239_50, 25), new("Facklitteratur: Bokföring i praktiken", 456_00, 6)];

    public long? LineExtensionOre { get; init; }
    public long? TaxExclusiveOre { get; init; }
    public long? TaxInclusiveOre { get; init; }
    public long? PayableOre { get; init; }
    public long RoundingOre { get; init; }

    /// <summary>A rate's VAT as the supplier states it (default: taxable × rate, rounded half up to the öre).</summary>
    public IReadOnlyDictionary<int, long> StatedVatOre { get; init; } = new Dictionary<int, long>();

    /// <summary>Put before the root element, e.g. a DOCTYPE.</summary>
    public string Prolog { get; init; } = "";

    /// <summary>Text inside the supplier's name, e.g. an entity reference.</summary>
    public string SupplierMarkup { get; init; } = "";

    /// <summary>A valid invoice: office paper at 25 % and a book at 6 %.</summary>
    public static UblInvoices Valid => new();

    public IReadOnlyList<(int Percent, long TaxableOre, long TaxOre)> Breakdown => Lines
        .GroupBy(line => line.Percent)
        .Select(rate => (rate.Key, rate.Sum(line => line.NetOre), StatedVatOre.TryGetValue(rate.Key, out var stated) ? stated : VatOf(rate.Sum(line => line.NetOre), rate.Key)))
        .ToList();

    public long ComputedLineExtensionOre => Lines.Sum(line => line.NetOre);
    public long ComputedTaxOre => Breakdown.Sum(rate => rate.TaxOre);
    public long ComputedTaxInclusiveOre => (TaxExclusiveOre ?? ComputedLineExtensionOre) + ComputedTaxOre;
    public long ComputedPayableOre => (TaxInclusiveOre ?? ComputedTaxInclusiveOre) + RoundingOre;

    public static long VatOf(long netOre, int percent) => (long)Math.Round(netOre * (decimal)percent / 100, MidpointRounding.AwayFromZero);

    public string Xml()
    {
        var xml = new StringBuilder();
        xml.Append(CultureInfo.InvariantCulture, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            {Prolog}<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
                     xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
                     xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
              <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
              <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
              <cbc:ID>{Number}</cbc:ID>
              <cbc:IssueDate>{IssueDate}</cbc:IssueDate>
              <cbc:DueDate>{DueDate}</cbc:DueDate>
              <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
              <cbc:DocumentCurrencyCode>{Currency}</cbc:DocumentCurrencyCode>
              <cac:AccountingSupplierParty>
                <cac:Party>
                  <cbc:EndpointID schemeID="0007">{OrgNumber}</cbc:EndpointID>
                  <cac:PartyName><cbc:Name>{Supplier}{SupplierMarkup}</cbc:Name></cac:PartyName>
                  <cac:PartyTaxScheme><cbc:CompanyID>SE{OrgNumber}01</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
                  <cac:PartyLegalEntity><cbc:RegistrationName>{Supplier}</cbc:RegistrationName><cbc:CompanyID>{OrgNumber}</cbc:CompanyID></cac:PartyLegalEntity>
                </cac:Party>
              </cac:AccountingSupplierParty>
              <cac:AccountingCustomerParty>
                <cac:Party>
                  <cac:PartyLegalEntity><cbc:RegistrationName>Exempelköparen AB</cbc:RegistrationName></cac:PartyLegalEntity>
                </cac:Party>
              </cac:AccountingCustomerParty>
              <cac:TaxTotal>
                <cbc:TaxAmount currencyID="{Currency}">{Amount(ComputedTaxOre)}</cbc:TaxAmount>

            """);
        foreach (var (percent, taxable, tax) in Breakdown)
        {
            xml.Append(CultureInfo.InvariantCulture, $"""
                    <cac:TaxSubtotal>
                      <cbc:TaxableAmount currencyID="{Currency}">{Amount(taxable)}</cbc:TaxableAmount>
                      <cbc:TaxAmount currencyID="{Currency}">{Amount(tax)}</cbc:TaxAmount>
                      <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>{percent}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
                    </cac:TaxSubtotal>

                """);
        }

        xml.Append(CultureInfo.InvariantCulture, $"""
              </cac:TaxTotal>
              <cac:LegalMonetaryTotal>
                <cbc:LineExtensionAmount currencyID="{Currency}">{Amount(LineExtensionOre ?? ComputedLineExtensionOre)}</cbc:LineExtensionAmount>
                <cbc:TaxExclusiveAmount currencyID="{Currency}">{Amount(TaxExclusiveOre ?? ComputedLineExtensionOre)}</cbc:TaxExclusiveAmount>
                <cbc:TaxInclusiveAmount currencyID="{Currency}">{Amount(TaxInclusiveOre ?? ComputedTaxInclusiveOre)}</cbc:TaxInclusiveAmount>
                <cbc:PayableRoundingAmount currencyID="{Currency}">{Amount(RoundingOre)}</cbc:PayableRoundingAmount>
                <cbc:PayableAmount currencyID="{Currency}">{Amount(PayableOre ?? ComputedPayableOre)}</cbc:PayableAmount>
              </cac:LegalMonetaryTotal>

            """);
        foreach (var (line, index) in Lines.Select((line, index) => (line, index + 1)))
        {
            xml.Append(CultureInfo.InvariantCulture, $"""
                  <cac:InvoiceLine>
                    <cbc:ID>{index}</cbc:ID>
                    <cbc:InvoicedQuantity unitCode="EA">1</cbc:InvoicedQuantity>
                    <cbc:LineExtensionAmount currencyID="{Currency}">{Amount(line.NetOre)}</cbc:LineExtensionAmount>
                    <cac:Item>
                      <cbc:Name>{line.Item}</cbc:Name>
                      <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>{line.Percent}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>
                    </cac:Item>
                    <cac:Price><cbc:PriceAmount currencyID="{Currency}">{Amount(line.NetOre)}</cbc:PriceAmount></cac:Price>
                  </cac:InvoiceLine>

                """);
        }

        xml.Append("</Invoice>\n");
        return xml.ToString();
    }

    public byte[] Bytes() => Encoding.UTF8.GetBytes(Xml());

    /// <summary>A DOCTYPE declaring an external entity that points at a local file, used in the supplier's name.</summary>
    public static UblInvoices WithExternalEntity(string target) => Valid with
    {
        Prolog = $"<!DOCTYPE Invoice [<!ENTITY secret SYSTEM \"{target}\">]>\n",
        SupplierMarkup = "&secret;",
    };

    private static string Amount(long ore) => (ore / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
