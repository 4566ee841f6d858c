using CleanLedger.Application.Receipts;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Receipts;
using CleanLedger.Infrastructure.Receipts.Extraction;

namespace CleanLedger.Infrastructure.Tests.Receipts.Extraction;

/// <summary>Whole receipts as OCR reads them: fields, and confidences that follow the arithmetic.</summary>
public sealed class HeuristicReceiptExtractorTests
{
    private const string KioskReceipt = """
        Pressgrottan
        Pressgrottan i Malmö AB
        Företagsvägen 20
        218 39 MALMÖ
        Tel: 040-35 24 08
        Orgnr: 559750-5956
        Momsreg.nr: SE559750595601
        TÄNDARE 21,95 A
        DAGSTIDNING 35,95 C
        VECKOTIDNING 58,50 C
        ATT BETALA 116,40
        varav moms 25% 4,39
        varav moms 6% 5,35
        Summa exkl. moms 106,66
        MASTERCARD 116,40
        KORTKÖP
        Mastercard ************8340
        Belopp: 116,40
        2026-01-23 18:23
        GODKÄND
        Datum 23/1-26 kl 18:23
        Kvitto: 40690
        Tack för ditt köp!
        """;

    [Fact]
    public async Task Reads_every_field_of_an_ordinary_receipt_with_high_confidence()
    {
        var result = await new HeuristicReceiptExtractor().ExtractAsync(Ocr(KioskReceipt), CancellationToken.None);

        result.Vendor.ShouldBe("Pressgrottan");
        result.OrgNumber.ShouldBe("559750-5956");
        result.VatNumber.ShouldBe("SE559750595601");
        result.Date.ShouldBe(new DateOnly(2026, 1, 23));
        result.TotalOre.ShouldBe(11640);
        result.Currency.ShouldBe("SEK");
        result.Vat.ShouldBe([new VatAmount(25, 439, 1756), new VatAmount(6, 535, 8910)]);
        result.PaymentMethod.ShouldBe(PaymentMethod.Card);
        result.ReceiptNumber.ShouldBe("40690");
        result.Source.ShouldBe("heuristic");
        foreach (var field in new[] { ReceiptFields.Total, ReceiptFields.Date, ReceiptFields.OrgNumber, ReceiptFields.Vat })
            result.ConfidenceOf(field).ShouldBeGreaterThanOrEqualTo(0.9, field);
    }

    [Fact]
    public void Net_plus_vat_equals_gross_per_rate_and_the_rates_add_up_to_the_total()
    {
        var result = HeuristicReceiptExtractor.Extract(Ocr(KioskReceipt));

        result.Vat.Sum(v => v.GrossOre).ShouldBe(result.TotalOre!.Value);
        result.Vat.ShouldAllBe(v => Money.VatInGross(v.GrossOre, v.Rate) == v.AmountOre);
    }

    [Fact]
    public void With_a_tip_the_total_is_the_amount_paid_after_the_subtotal()
    {
        var result = HeuristicReceiptExtractor.Extract(Ocr("""
            BISTRO NORD
            Datum 30 okt 2025 kl 22:28
            PYTT I PANNA 172,00
            FLASKA VIN 502,00
            Belopp 674,00
            Dricks 50,00
            Totalt 724,00 kr
            MOMS% MOMS NETTO BRUTTO
            25% 100,40 401,60 502,00
            12% 18,43 153,57 172,00
            Bankkort 724,00
            BELOPP SEK 724,00
            """));

        result.TotalOre.ShouldBe(72400);
        result.TipOre.ShouldBe(5000);
        result.ConfidenceOf(ReceiptFields.Total).ShouldBeGreaterThanOrEqualTo(0.9);
        result.Vat.ShouldBe([new VatAmount(25, 10040, 40160), new VatAmount(12, 1843, 15357)]);
    }

    [Fact]
    public void With_cash_rounding_the_total_is_the_rounded_amount_to_pay()
    {
        var result = HeuristicReceiptExtractor.Extract(Ocr("""
            Prisvärt Livs Kvarnholmen
            2025-07-15 07:41
            Summa 578,90
            Öresavrundning 0,10
            ATT BETALA 579,00
            Moms 25% 47,87
            Netto 191,48
            Moms 12% 36,38
            Netto 303,17
            KONTANT 1000,00
            Växel 421,00
            """));

        result.TotalOre.ShouldBe(57900);
        result.RoundingOre.ShouldBe(10);
        result.PaymentMethod.ShouldBe(PaymentMethod.Cash);
        result.Vat.ShouldBe([new VatAmount(25, 4787, 19148), new VatAmount(12, 3638, 30317)]);
        result.ConfidenceOf(ReceiptFields.Total).ShouldBeGreaterThanOrEqualTo(0.9);
    }

    [Fact]
    public void A_swedish_cash_payment_prefers_the_whole_krona_total_when_the_rounding_line_is_garbled()
    {
        var result = HeuristicReceiptExtractor.Extract(Ocr("""
            TOTAL 363,44
            Avrundning G,44
            Att betala 363,00
            Kontant 400,00
            Tillbaka 37,00
            """));

        result.TotalOre.ShouldBe(36300);
        result.PaymentMethod.ShouldBe(PaymentMethod.Cash);
    }

    [Fact]
    public void A_swedish_cash_payment_rounds_the_vat_blocks_sum_to_whole_kronor_when_the_rounding_line_is_illegible()
    {
        // receipt_0023 as OCR read it: the VAT block adds up to the unrounded 363,44.
        var result = HeuristicReceiptExtractor.Extract(Ocr("""
            | TOTAL ie ee ise a 363,44 |
            | Avcundning 6, 44-9)
            Att betala 363,00)
            | MOMS. MOMS. NETTO BRUTTO |
            25,88 0,78 3,12 3,90 |
            rss 38,52 321,02 359,54 |
            |) Tor 39,38 324,14 363,44 |
            | Kontant ES 363,90
            """));

        result.TotalOre.ShouldBe(36300);
        result.ConfidenceOf(ReceiptFields.Total).ShouldBeGreaterThanOrEqualTo(0.9);
    }

    [Fact]
    public void The_implied_cash_rounding_goes_to_the_nearest_krona_only()
    {
        // The VAT block adds up to 100,50, which is paid as 101,00 in cash; 100,00 is not confirmed by it.
        var result = HeuristicReceiptExtractor.Extract(Ocr("""
            Att betala 100,00
            Moms 25% 20,10
            Netto 80,40
            Kontant 100,00
            """));

        result.TotalOre.ShouldBe(100_00);
        result.ConfidenceOf(ReceiptFields.Total).ShouldBeLessThanOrEqualTo(0.6);
    }

    [Fact]
    public void A_rounding_printed_without_its_sign_still_leads_from_the_subtotal_to_the_total()
    {
        var result = HeuristicReceiptExtractor.Extract(Ocr("""
            Total RM 30.91
            ROUNDING ADJUSTMENT RM 0.01
            TOTAL ROUNDED RM 30.90
            CASH RM 51.00
            GST Summary Amount Tax
            Total 30.91 0.00
            """));

        result.TotalOre.ShouldBe(3090);
    }

    [Fact]
    public void Cash_handed_over_less_the_change_names_the_total_when_its_label_was_misread()
    {
        var result = HeuristicReceiptExtractor.Extract(Ocr("""
            Total Sales (Excluding GST) 80.91
            Rounding 0.01
            Total Sajesfoclusivs of GST) : 80.90
            CASH : 100.00
            Change : 19.10
            GST SUMMARY
            Total 80.91
            """));

        result.TotalOre.ShouldBe(8090);
        result.ConfidenceOf(ReceiptFields.Total).ShouldBeGreaterThanOrEqualTo(0.6);
    }

    [Fact]
    public void Cash_less_change_confirms_a_swedish_total_and_a_total_without_it_is_less_sure()
    {
        const string Receipt = """
            Matboden Rosendal
            Totalt SEK 532,00 kr
            Kontant 1000,00
            Växel 468,00
            """;

        var confirmed = HeuristicReceiptExtractor.Extract(Ocr(Receipt));
        var unconfirmed = HeuristicReceiptExtractor.Extract(Ocr(Receipt.Replace("Växel 468,00", "Växel", StringComparison.Ordinal)));

        confirmed.TotalOre.ShouldBe(53200);
        unconfirmed.TotalOre.ShouldBe(53200);
        confirmed.ConfidenceOf(ReceiptFields.Total).ShouldBeGreaterThan(unconfirmed.ConfidenceOf(ReceiptFields.Total));
    }

    [Fact]
    public void Vat_printed_without_gross_is_completed_from_the_total()
    {
        var result = HeuristicReceiptExtractor.Extract(Ocr("""
            ATT BETALA 116,40
            Moms%  Moms  Netto  Brutto
            25,00%  4,39  17,56  21,95
            varav moms 6% 5,35
            Kort 116,40
            """));

        result.Vat.ShouldBe([new VatAmount(25, 439, 1756), new VatAmount(6, 535, 8910)]);
        result.ConfidenceOf(ReceiptFields.Vat).ShouldBeGreaterThanOrEqualTo(0.7);
    }

    [Fact]
    public void Vat_lines_that_several_splits_of_the_total_fit_get_a_low_confidence()
    {
        // Without item code letters, 21,93 + 94,47 fits the printed VAT as well as 21,95 + 94,45.
        var result = HeuristicReceiptExtractor.Extract(Ocr("""
            ATT BETALA 116,40
            varav moms 25% 4,39
            varav moms 6% 5,35
            Kort 116,40
            """));

        result.Vat.Select(v => (v.Rate, v.AmountOre)).ShouldBe([(25, 439L), (6, 535L)]);
        result.ConfidenceOf(ReceiptFields.Vat).ShouldBeLessThan(0.5);
    }

    [Fact]
    public void Item_code_letters_give_each_vat_line_its_gross()
    {
        var result = HeuristicReceiptExtractor.Extract(Ocr("""
            TÄNDARE 21,95 A
            DAGSTIDNING 35,95 C
            VECKOTIDNING 58,50 C
            ATT BETALA 116,40
            varav moms 25% 4,39
            varav moms 6% 5,35
            Kort 116,40
            """));

        result.Vat.ShouldBe([new VatAmount(25, 439, 1756), new VatAmount(6, 535, 8910)]);
        result.ConfidenceOf(ReceiptFields.Vat).ShouldBeGreaterThanOrEqualTo(0.9);
    }

    [Fact]
    public void The_vat_of_the_total_printed_where_ocr_lost_its_label_and_rate_is_recognised()
    {
        var result = HeuristicReceiptExtractor.Extract(Ocr("""
            Summa 250,00 kr
            Mo.. ' 26,79
            Kort 250,00
            """));

        result.Vat.ShouldBe([new VatAmount(12, 2679, 22321)]);
        result.ConfidenceOf(ReceiptFields.Vat).ShouldBeGreaterThanOrEqualTo(0.7);
    }

    [Fact]
    public void A_single_evident_rate_derives_the_vat_from_the_total_with_low_confidence()
    {
        var result = HeuristicReceiptExtractor.Extract(Ocr("""
            Taxi Ett
            Totalt 250,00 kr
            I priset ingår moms med 6%
            """));

        result.Vat.ShouldBe([new VatAmount(6, 1415, 23585)]);
        result.ConfidenceOf(ReceiptFields.Vat).ShouldBeLessThan(0.5);
    }

    [Fact]
    public void A_vat_table_that_disagrees_with_the_total_lowers_the_confidence_of_both()
    {
        // The VAT rows add up to 116,40 but the total reads 176,40 (a misread digit) and is printed once.
        var result = HeuristicReceiptExtractor.Extract(Ocr("""
            ATT BETALA 176,40
            Moms%  Moms  Netto  Brutto
            25,00%  4,39  17,56  21,95
            6,00%   5,35  89,10  94,45
            """));

        result.TotalOre.ShouldBe(17640);
        result.ConfidenceOf(ReceiptFields.Total).ShouldBeLessThan(0.8);
        result.ConfidenceOf(ReceiptFields.Vat).ShouldBeLessThan(0.8);
    }

    [Fact]
    public void A_total_that_is_neither_repeated_nor_checked_by_vat_is_not_trusted()
    {
        var result = HeuristicReceiptExtractor.Extract(Ocr("""
            Kiosken
            Summa 45,00
            """));

        result.TotalOre.ShouldBe(4500);
        result.ConfidenceOf(ReceiptFields.Total).ShouldBeLessThan(0.8);
    }

    [Fact]
    public void The_printed_vat_repaired_by_one_digit_agrees_with_the_total()
    {
        var result = HeuristicReceiptExtractor.Extract(Ocr("""
            Belopp 80,00 kr
            Varav moms 25% 16,60
            Kortbetalning 80,00
            """));

        result.Vat.ShouldBe([new VatAmount(25, 1600, 6400)]);
        result.ConfidenceOf(ReceiptFields.Vat).ShouldBeLessThan(0.8);
    }

    [Fact]
    public void A_vat_number_that_agrees_with_the_organisation_number_confirms_it()
    {
        var agreeing = HeuristicReceiptExtractor.Extract(Ocr("Org.nr: 559750-5956\nVAT nr: SE559750595601"));
        var disagreeing = HeuristicReceiptExtractor.Extract(Ocr("Org.nr: 559750-5956\nVAT nr: SE556123456701"));

        agreeing.ConfidenceOf(ReceiptFields.OrgNumber).ShouldBeGreaterThanOrEqualTo(0.95);
        disagreeing.OrgNumber.ShouldBe("559750-5956");
        disagreeing.ConfidenceOf(ReceiptFields.OrgNumber).ShouldBeLessThan(0.8);
        disagreeing.ConfidenceOf(ReceiptFields.VatNumber).ShouldBeLessThan(0.8);
    }

    [Fact]
    public void A_valid_vat_number_overrules_a_repaired_organisation_number()
    {
        var result = HeuristicReceiptExtractor.Extract(Ocr("Orgnr: 553750-5956\nMomsreg.nr: SE559750595601"));

        result.OrgNumber.ShouldBe("559750-5956");
    }

    [Fact]
    public void Poor_ocr_lowers_every_confidence_against_an_exact_text_layer()
    {
        var exact = HeuristicReceiptExtractor.Extract(new OcrResult(KioskReceipt, 100, 1, TextSource.PdfTextLayer));
        var blurred = HeuristicReceiptExtractor.Extract(new OcrResult(KioskReceipt, 40, 1, TextSource.Ocr));

        blurred.ConfidenceOf(ReceiptFields.Total).ShouldBeLessThan(exact.ConfidenceOf(ReceiptFields.Total));
        blurred.ConfidenceOf(ReceiptFields.Date).ShouldBeLessThan(exact.ConfidenceOf(ReceiptFields.Date));
    }

    [Fact]
    public void The_vendor_skips_receipt_headings_and_drops_the_legal_form_and_seat()
    {
        var result = HeuristicReceiptExtractor.Extract(Ocr("""
            KVITTO
            Kebabhuset i Skövde AB
            Storgatan 3
            541 30 Skövde
            """));

        result.Vendor.ShouldBe("Kebabhuset");
    }

    [Fact]
    public void Upper_case_print_gets_back_its_lost_diacritics_from_a_second_reading()
    {
        var result = HeuristicReceiptExtractor.Extract(Ocr("""
            NARBUTIKEN NORRMALM
            Närbutiken Norrmalm AB
            """));

        result.Vendor.ShouldBe("NÄRBUTIKEN NORRMALM");
    }

    [Fact]
    public void Reads_a_malaysian_receipt_in_ringgit()
    {
        var result = HeuristicReceiptExtractor.Extract(Ocr("""
            CARREFOUR RESTAURANT SDN BHD
            DATE: 20/03/2018 12:01
            TOTAL (RM) 13.80
            CASH 20.00
            CHANGE 6.20
            """));

        result.Currency.ShouldBe("MYR");
        result.TotalOre.ShouldBe(1380);
        result.Date.ShouldBe(new DateOnly(2018, 3, 20));
    }

    private static OcrResult Ocr(string text) => new(text, 90, 1, TextSource.Ocr);
}
