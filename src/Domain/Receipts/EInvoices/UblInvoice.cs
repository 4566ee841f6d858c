using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using CleanLedger.Domain.Common;

namespace CleanLedger.Domain.Receipts.EInvoices;

/// <summary>One row of an invoice's VAT breakdown (cac:TaxSubtotal): taxable amount and VAT in öre at a rate in percent.</summary>
public sealed record UblVatSubtotal(decimal Percent, long TaxableOre, long TaxOre);

/// <summary>
/// A Peppol BIS Billing 3.0 (UBL 2.1) invoice, read exactly: what the supplier sent, with the
/// EN 16931 arithmetic checked. Amounts are öre; an invoice whose figures do not add up is refused
/// naming the business rule that failed, so nothing is ever booked from an invoice that contradicts itself.
/// </summary>
public sealed record UblInvoice(
    string SupplierName,
    string? SupplierOrgNumber,
    string? SupplierVatNumber,
    string InvoiceNumber,
    DateOnly IssueDate,
    DateOnly? DueDate,
    string Currency,
    long LineExtensionOre,
    long TaxExclusiveOre,
    long TaxInclusiveOre,
    long PrepaidOre,
    long RoundingOre,
    long PayableOre,
    long TaxTotalOre,
    IReadOnlyList<UblVatSubtotal> Vat,
    IReadOnlyList<string> ItemNames)
{
    public const string InvoiceNamespace = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    public const string AggregateNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    public const string BasicNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    /// <summary>How an e-invoice is stored and served.</summary>
    public const string ContentType = "application/xml";

    /// <summary>The refusal of XML whose root is not a UBL 2.1 Invoice.</summary>
    public const string NotInvoice = "einvoice.not_invoice";

    /// <summary>The ISO 6523 scheme of a Swedish organisation number (Bolagsverket) in an EndpointID.</summary>
    public const string SwedishOrgNumberScheme = "0007";

    /// <summary>An e-invoice is a few kilobytes; this leaves room for hundreds of lines and refuses anything built to exhaust memory.</summary>
    public const long MaxCharacters = 4 * 1024 * 1024;

    private static readonly XNamespace Cac = AggregateNamespace;
    private static readonly XNamespace Cbc = BasicNamespace;

    /// <summary>
    /// XML as a supplier may send it and nothing more: no DTD (so no entity is ever expanded or
    /// fetched: XXE is impossible), no resolver, a cap on the characters read.
    /// </summary>
    public static XmlReaderSettings SafeSettings => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>Whether the XML's root is a UBL 2.1 Invoice (read with <see cref="SafeSettings"/>; a DOCTYPE throws).</summary>
    /// <exception cref="DomainException">einvoice.malformed or einvoice.dtd_refused.</exception>
    public static bool IsInvoice(Stream xml)
    {
        using var reader = Open(xml);
        try
        {
            return reader.MoveToContent() == XmlNodeType.Element && reader.LocalName == "Invoice" && reader.NamespaceURI == InvoiceNamespace;
        }
        catch (XmlException error)
        {
            throw Malformed(error);
        }
    }

    /// <summary>Reads and checks the invoice.</summary>
    /// <exception cref="DomainException">The XML is malformed or carries a DTD, a required field is missing, an amount has more than two decimals, or a rule of EN 16931 arithmetic fails (its code names it, e.g. einvoice.BR-CO-15).</exception>
    public static UblInvoice Read(Stream xml)
    {
        XElement root;
        using (var reader = Open(xml))
        {
            try
            {
                root = XDocument.Load(reader).Root!;
            }
            catch (XmlException error)
            {
                throw Malformed(error);
            }
        }

        if (root.Name != XName.Get("Invoice", InvoiceNamespace))
            throw Refuse(NotInvoice, "The XML is not a UBL 2.1 Invoice.");

        var party = root.Element(Cac + "AccountingSupplierParty")?.Element(Cac + "Party");
        var supplier = Text(party?.Element(Cac + "PartyName")?.Element(Cbc + "Name"))
            ?? Text(party?.Element(Cac + "PartyLegalEntity")?.Element(Cbc + "RegistrationName"))
            ?? throw Refuse("einvoice.BR-06", "BR-06: the invoice names no seller.");
        var endpoint = party?.Element(Cbc + "EndpointID");
        var orgNumber = Text(party?.Element(Cac + "PartyLegalEntity")?.Element(Cbc + "CompanyID"))
            ?? ((string?)endpoint?.Attribute("schemeID") == SwedishOrgNumberScheme ? Text(endpoint) : null);
        var vatNumber = Text(party?.Element(Cac + "PartyTaxScheme")?.Element(Cbc + "CompanyID"));

        var number = Text(root.Element(Cbc + "ID")) ?? throw Refuse("einvoice.BR-02", "BR-02: the invoice has no number.");
        var issued = Date(root.Element(Cbc + "IssueDate")) ?? throw Refuse("einvoice.BR-03", "BR-03: the invoice has no issue date.");
        var due = Date(root.Element(Cbc + "DueDate"));
        var currency = Text(root.Element(Cbc + "DocumentCurrencyCode")) ?? throw Refuse("einvoice.BR-05", "BR-05: the invoice has no currency.");

        var totals = root.Element(Cac + "LegalMonetaryTotal") ?? throw Refuse("einvoice.BR-12", "BR-12: the invoice has no totals.");
        var lineExtension = Required(totals, "LineExtensionAmount", "BR-12");
        var taxExclusive = Required(totals, "TaxExclusiveAmount", "BR-13");
        var taxInclusive = Required(totals, "TaxInclusiveAmount", "BR-14");
        var payable = Required(totals, "PayableAmount", "BR-15");
        var allowances = Optional(totals, "AllowanceTotalAmount");
        var charges = Optional(totals, "ChargeTotalAmount");
        var prepaid = Optional(totals, "PrepaidAmount");
        var rounding = Optional(totals, "PayableRoundingAmount");

        // The VAT total in the document's currency (BT-110); a second TaxTotal may give it in the accounting currency.
        var taxTotal = root.Elements(Cac + "TaxTotal")
            .FirstOrDefault(total => (string?)total.Element(Cbc + "TaxAmount")?.Attribute("currencyID") == currency)
            ?? root.Element(Cac + "TaxTotal")
            ?? throw Refuse("einvoice.BR-CO-14", "BR-CO-14: the invoice has no VAT total.");
        var taxAmount = Ore(taxTotal.Element(Cbc + "TaxAmount"), "TaxAmount") ?? throw Refuse("einvoice.BR-CO-14", "BR-CO-14: the invoice has no VAT total.");
        var vat = taxTotal.Elements(Cac + "TaxSubtotal").Select(Subtotal).ToList();

        var lines = root.Elements(Cac + "InvoiceLine").ToList();
        if (lines.Count == 0)
            throw Refuse("einvoice.BR-16", "BR-16: the invoice has no lines.");
        var lineSum = lines.Sum(line => Ore(line.Element(Cbc + "LineExtensionAmount"), "LineExtensionAmount")
            ?? throw Refuse("einvoice.BR-24", "BR-24: an invoice line has no net amount."));
        var items = lines.Select(line => Text(line.Element(Cac + "Item")?.Element(Cbc + "Name"))).OfType<string>().ToList();

        var invoice = new UblInvoice(supplier, orgNumber, vatNumber, number, issued, due, currency,
            lineExtension, taxExclusive, taxInclusive, prepaid, rounding, payable, taxAmount, vat, items);
        invoice.CheckArithmetic(lineSum, allowances, charges);
        return invoice;
    }

    /// <summary>The VAT of <paramref name="taxableOre"/> at <paramref name="percent"/>, rounded half away from zero to the öre (BR-CO-17).</summary>
    public static long VatOf(long taxableOre, decimal percent) =>
        (long)Math.Round(taxableOre * percent / 100, MidpointRounding.AwayFromZero);

    // EN 16931's calculation rules, in the order a person would check them on paper.
    private void CheckArithmetic(long lineSum, long allowances, long charges)
    {
        if (lineSum != LineExtensionOre)
            throw Mismatch("BR-CO-10", "the invoice lines add up to", lineSum, "the sum of line net amounts", LineExtensionOre);
        if (LineExtensionOre - allowances + charges != TaxExclusiveOre)
            throw Mismatch("BR-CO-13", "lines less allowances plus charges make", LineExtensionOre - allowances + charges, "the total without VAT", TaxExclusiveOre);
        if (Vat.Count == 0)
            throw Refuse("einvoice.BR-CO-18", "BR-CO-18: the invoice has no VAT breakdown.");
        if (Vat.Sum(rate => rate.TaxOre) != TaxTotalOre)
            throw Mismatch("BR-CO-14", "the VAT breakdown adds up to", Vat.Sum(rate => rate.TaxOre), "the VAT total", TaxTotalOre);
        if (Vat.Sum(rate => rate.TaxableOre) != TaxExclusiveOre)
            throw Mismatch("BR-CO-18", "the taxable amounts add up to", Vat.Sum(rate => rate.TaxableOre), "the total without VAT", TaxExclusiveOre);
        if (Vat.FirstOrDefault(rate => VatOf(rate.TaxableOre, rate.Percent) != rate.TaxOre) is { } wrong)
            throw Mismatch("BR-CO-17", $"{wrong.Percent.ToString(CultureInfo.InvariantCulture)} % of {Money.FormatKronor(wrong.TaxableOre)} is", VatOf(wrong.TaxableOre, wrong.Percent), "the VAT stated", wrong.TaxOre);
        if (TaxExclusiveOre + TaxTotalOre != TaxInclusiveOre)
            throw Mismatch("BR-CO-15", "the total without VAT plus VAT makes", TaxExclusiveOre + TaxTotalOre, "the total with VAT", TaxInclusiveOre);
        if (TaxInclusiveOre - PrepaidOre + RoundingOre != PayableOre)
            throw Mismatch("BR-CO-16", "the total with VAT less prepaid plus rounding makes", TaxInclusiveOre - PrepaidOre + RoundingOre, "the amount due", PayableOre);
    }

    private static UblVatSubtotal Subtotal(XElement subtotal)
    {
        var taxable = Ore(subtotal.Element(Cbc + "TaxableAmount"), "TaxableAmount") ?? throw Refuse("einvoice.BR-45", "BR-45: a VAT breakdown row has no taxable amount.");
        var tax = Ore(subtotal.Element(Cbc + "TaxAmount"), "TaxAmount") ?? throw Refuse("einvoice.BR-46", "BR-46: a VAT breakdown row has no VAT amount.");
        var percentText = Text(subtotal.Element(Cac + "TaxCategory")?.Element(Cbc + "Percent"));
        if (!decimal.TryParse(percentText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent))
            throw Refuse("einvoice.BR-48", "BR-48: a VAT breakdown row has no rate.");
        return new UblVatSubtotal(percent, taxable, tax);
    }

    private static long Required(XElement totals, string name, string rule) =>
        Ore(totals.Element(Cbc + name), name) ?? throw Refuse($"einvoice.{rule}", $"{rule}: the invoice has no {name}.");

    private static long Optional(XElement totals, string name) => Ore(totals.Element(Cbc + name), name) ?? 0;

    // EN 16931 amounts carry at most two decimals (BR-DEC): exactly öre.
    private static long? Ore(XElement? amount, string name)
    {
        if (Text(amount) is not { } text)
            return null;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || decimal.Round(value, 2) != value)
            throw Refuse("einvoice.BR-DEC", $"BR-DEC: {name} \"{text}\" is not an amount with at most two decimals.");
        return (long)(value * 100);
    }

    private static DateOnly? Date(XElement? element) =>
        Text(element) is not { } text ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw Refuse("einvoice.malformed", $"\"{text}\" is not a date (YYYY-MM-DD).");

    private static string? Text(XElement? element) => element?.Value.Trim() is { Length: > 0 } text ? text : null;

    private static XmlReader Open(Stream xml) => XmlReader.Create(xml, SafeSettings);

    // Prohibit makes the reader stop at the DOCTYPE itself, before any entity is declared or read.
    private static DomainException Malformed(XmlException error) => error.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
        ? Refuse("einvoice.dtd_refused", "The XML declares a DTD; e-invoices may not (entities are never read).")
        : Refuse("einvoice.malformed", $"The XML is not well-formed: {error.Message}");

    private static DomainException Mismatch(string rule, string computed, long computedOre, string stated, long statedOre) =>
        Refuse($"einvoice.{rule}", $"{rule}: {computed} {Money.FormatKronor(computedOre)}, but {stated} is {Money.FormatKronor(statedOre)}.");

    private static DomainException Refuse(string code, string message) => new(code, message);
}

/// <summary>An e-invoice as the receipt pipeline takes it: every field exact (confidence 1.0), unpaid (credited to 2440).</summary>
public static class EInvoiceExtraction
{
    public const string Source = "e-invoice";

    private const double Exact = 1.0;

    public static ReceiptExtraction Of(UblInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        // Swedish rates are whole percents; a row at any other rate leaves the VAT for a person to book.
        var vat = invoice.Vat.All(rate => rate.Percent == decimal.Truncate(rate.Percent))
            ? invoice.Vat.Select(rate => new VatAmount((int)rate.Percent, rate.TaxOre, rate.TaxableOre)).ToList()
            : [];
        var confidence = new Dictionary<string, double>
        {
            [ReceiptFields.Vendor] = Exact, [ReceiptFields.Date] = Exact, [ReceiptFields.Total] = Exact,
            [ReceiptFields.Currency] = Exact, [ReceiptFields.PaymentMethod] = Exact, [ReceiptFields.ReceiptNumber] = Exact,
        };
        if (invoice.SupplierOrgNumber is not null)
            confidence[ReceiptFields.OrgNumber] = Exact;
        if (invoice.SupplierVatNumber is not null)
            confidence[ReceiptFields.VatNumber] = Exact;
        if (vat.Count > 0)
            confidence[ReceiptFields.Vat] = Exact;
        return new ReceiptExtraction(invoice.SupplierName, invoice.SupplierOrgNumber, invoice.SupplierVatNumber, invoice.IssueDate, invoice.PayableOre,
            invoice.Currency, vat, PaymentMethod.Invoice, invoice.InvoiceNumber, TipOre: null, invoice.RoundingOre == 0 ? null : invoice.RoundingOre, confidence, Source);
    }

    /// <summary>What the category table reads to recognise the purchase: the supplier and the items.</summary>
    public static string TextOf(UblInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return string.Join('\n', [invoice.SupplierName, .. invoice.ItemNames]);
    }
}
