using System.Text;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Receipts;
using CleanLedger.Domain.Receipts.EInvoices;
using CleanLedger.Testing;

namespace CleanLedger.Domain.Tests.Receipts.EInvoices;

public class UblInvoiceTests
{
    private static UblInvoice Read(UblInvoices invoice) => UblInvoice.Read(new MemoryStream(invoice.Bytes()));

    private static string RefusalOf(UblInvoices invoice) => Should.Throw<DomainException>(() => Read(invoice)).Code;

    [Fact]
    public void A_valid_invoice_is_read_exactly_to_the_ore_with_its_VAT_per_rate()
    {
        var invoice = Read(UblInvoices.Valid);

        invoice.SupplierName.ShouldBe("Kontorsgrossisten Norrland AB");
        invoice.SupplierOrgNumber.ShouldBe("5565242236");
        invoice.SupplierVatNumber.ShouldBe("SE556524223601");
        invoice.InvoiceNumber.ShouldBe("F-2026-0417");
        invoice.IssueDate.ShouldBe(new DateOnly(2026, 6, 15));
        invoice.DueDate.ShouldBe(new DateOnly(2026, 7, 15));
        invoice.Currency.ShouldBe("SEK");
        invoice.LineExtensionOre.ShouldBe(1_695_50);
        invoice.TaxExclusiveOre.ShouldBe(1_695_50);
        // 25 % of 1 239,50 is 309,875: rounded half up to 309,88.
        invoice.Vat.ShouldBe([new UblVatSubtotal(25, 1_239_50, 309_88), new UblVatSubtotal(6, 456_00, 27_36)]);
        invoice.TaxTotalOre.ShouldBe(337_24);
        invoice.TaxInclusiveOre.ShouldBe(2_032_74);
        invoice.PayableOre.ShouldBe(2_032_74);
    }

    [Fact]
    public void The_org_number_is_taken_from_an_EndpointID_in_the_Swedish_scheme_when_there_is_no_legal_entity_number()
    {
        var xml = UblInvoices.Valid.Xml().Replace("<cbc:CompanyID>5565242236</cbc:CompanyID>", "", StringComparison.Ordinal);

        UblInvoice.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml))).SupplierOrgNumber.ShouldBe("5565242236");
    }

    [Fact]
    public void Line_amounts_that_do_not_add_up_to_the_line_total_fail_BR_CO_10() =>
        RefusalOf(UblInvoices.Valid with { LineExtensionOre = 1_695_00, TaxExclusiveOre = 1_695_00 }).ShouldBe("einvoice.BR-CO-10");

    [Fact]
    public void A_total_without_VAT_other_than_the_lines_fails_BR_CO_13() =>
        RefusalOf(UblInvoices.Valid with { TaxExclusiveOre = 1_600_00 }).ShouldBe("einvoice.BR-CO-13");

    [Fact]
    public void A_VAT_row_that_is_not_its_taxable_amount_times_its_rate_to_the_ore_fails_BR_CO_17() =>
        // 309,87 truncates where the rule rounds (309,875 → 309,88).
        RefusalOf(UblInvoices.Valid with { StatedVatOre = new Dictionary<int, long> { [25] = 309_87 } }).ShouldBe("einvoice.BR-CO-17");

    [Fact]
    public void A_total_with_VAT_other_than_net_plus_VAT_fails_BR_CO_15() =>
        RefusalOf(UblInvoices.Valid with { TaxInclusiveOre = 2_032_00, PayableOre = 2_032_00 }).ShouldBe("einvoice.BR-CO-15");

    [Fact]
    public void An_amount_due_other_than_the_total_with_VAT_plus_rounding_fails_BR_CO_16() =>
        RefusalOf(UblInvoices.Valid with { PayableOre = 2_033_00 }).ShouldBe("einvoice.BR-CO-16");

    [Fact]
    public void Rounding_of_the_amount_due_is_accepted_when_it_is_stated()
    {
        var invoice = Read(UblInvoices.Valid with { RoundingOre = 26 });

        invoice.RoundingOre.ShouldBe(26);
        invoice.PayableOre.ShouldBe(2_033_00);
    }

    [Fact]
    public void A_VAT_breakdown_that_does_not_add_up_to_the_VAT_total_fails_BR_CO_14()
    {
        var xml = UblInvoices.Valid.Xml().Replace(">337.24<", ">337.00<", StringComparison.Ordinal);

        Should.Throw<DomainException>(() => UblInvoice.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)))).Code.ShouldBe("einvoice.BR-CO-14");
    }

    [Fact]
    public void An_amount_finer_than_the_ore_is_refused()
    {
        var xml = UblInvoices.Valid.Xml().Replace(">456.00<", ">456.004<", StringComparison.Ordinal);

        Should.Throw<DomainException>(() => UblInvoice.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)))).Code.ShouldBe("einvoice.BR-DEC");
    }

    [Fact]
    public void A_DOCTYPE_is_refused_before_any_entity_is_read()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "must never be read");
        try
        {
            var refused = Should.Throw<DomainException>(() => Read(UblInvoices.WithExternalEntity(new Uri(secret).AbsoluteUri)));

            refused.Code.ShouldBe("einvoice.dtd_refused");
            refused.Message.ShouldNotContain("must never be read");
            Should.Throw<DomainException>(() => UblInvoice.IsInvoice(new MemoryStream(UblInvoices.WithExternalEntity(new Uri(secret).AbsoluteUri).Bytes())))
                .Code.ShouldBe("einvoice.dtd_refused");
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void An_internal_entity_expansion_is_refused_like_any_DTD()
    {
        var bomb = UblInvoices.Valid with { Prolog = "<!DOCTYPE Invoice [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n", SupplierMarkup = "&b;" };

        RefusalOf(bomb).ShouldBe("einvoice.dtd_refused");
    }

    [Fact]
    public void Only_a_UBL_Invoice_root_is_an_invoice()
    {
        UblInvoice.IsInvoice(new MemoryStream(UblInvoices.Valid.Bytes())).ShouldBeTrue();
        UblInvoice.IsInvoice(new MemoryStream("<Invoice xmlns=\"urn:example\"/>"u8.ToArray())).ShouldBeFalse();
        Should.Throw<DomainException>(() => UblInvoice.IsInvoice(new MemoryStream("<Invoice"u8.ToArray()))).Code.ShouldBe("einvoice.malformed");
    }

    [Fact]
    public void The_extraction_is_exact_and_unpaid_so_the_proposal_credits_2440_and_books_VAT_per_rate_on_2641()
    {
        var invoice = Read(UblInvoices.Valid);
        var extraction = EInvoiceExtraction.Of(invoice);

        extraction.Source.ShouldBe("e-invoice");
        extraction.Confidence.Values.ShouldAllBe(confidence => confidence == 1.0);
        extraction.ConfidenceOf(ReceiptFields.Total).ShouldBe(1.0);
        extraction.ConfidenceOf(ReceiptFields.Vat).ShouldBe(1.0);
        var proposal = ReceiptProposer.Propose(Guid.NewGuid(), extraction, EInvoiceExtraction.TextOf(invoice), null,
            new ReceiptPayment(extraction.PaymentMethod, PaidPrivately: false, SoleTrader: false));

        proposal.Reasons.ShouldBeEmpty();
        proposal.Draft!.Date.ShouldBe(new DateOnly(2026, 6, 15));
        proposal.Draft.Lines.Select(line => (line.Account.Value, line.Debit, line.Credit, line.VatCode)).ShouldBe(
        [
            (6110, 1_239_50, 0, VatCode.Vat25), (2641, 309_88, 0, null),
            (6110, 456_00, 0, VatCode.Vat6), (2641, 27_36, 0, null),
            (2440, 0, 2_032_74, null),
        ]);
    }
}
