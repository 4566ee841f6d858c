using CleanLedger.Infrastructure.Receipts.Extraction;

namespace CleanLedger.Infrastructure.Tests.Receipts.Extraction;

/// <summary>The many ways receipts print a date, and picking the purchase date among several.</summary>
public sealed class ReceiptDatesTests
{
    [Theory]
    [InlineData("2026-01-23 18:23")]
    [InlineData("20260123")]
    [InlineData("2026.01.23")]
    [InlineData("Datum: 23/01/2026")]
    [InlineData("23.01.2026 kl 14.32")]
    [InlineData("Datum 23/1-26 kl 18:23")]
    [InlineData("26-01-23 21:33")]
    [InlineData("23 jan 2026")]
    [InlineData("23 JAN 2026")]
    [InlineData("Datum 23 januari 2026")]
    [InlineData("Date: January 23, 2026")]
    [InlineData("Invoice Date: Jan 23 , 2026")]
    [InlineData("Rechnungsdatum 23. Januar 2026")]
    [InlineData("Datum: 23.01, 2026")]
    [InlineData("Facture du 23 janvier 2026")]
    public void Reads_the_common_swedish_and_foreign_formats(string line) =>
        ReceiptDates.Choose([line])?.Date.ShouldBe(new DateOnly(2026, 1, 23));

    [Theory]
    [InlineData("12.05.2025 14:32", "Kvitto nr 20450613")]
    [InlineData("Datum 12.05.25", "Order 20950101")]
    [InlineData("Datum: 12.05.2025", "Giltig t.o.m. 2045-06-13")]
    public void A_year_past_2039_is_a_misread_decade_that_never_outweighs_a_real_date(string date, string other)
    {
        var chosen = ReceiptDates.Choose([date, other])!.Value;
        var alone = ReceiptDates.Choose([date])!.Value;

        chosen.Date.ShouldBe(new DateOnly(2025, 5, 12));
        chosen.Confidence.ShouldBe(alone.Confidence);
    }

    [Fact]
    public void A_year_past_2039_written_as_a_date_is_read_for_the_upload_day_to_correct() =>
        ReceiptDates.Choose(["etn: 15.05.2095 — kl"])?.Date.ShouldBe(new DateOnly(2095, 5, 15));

    [Fact]
    public void A_two_digit_dashed_date_reads_year_first_as_in_sweden() =>
        ReceiptDates.Choose(["25-05-06 21:33"])?.Date.ShouldBe(new DateOnly(2025, 5, 6));

    [Theory]
    [InlineData("9025-05-01 17:17 Kvitto nr 98929")]
    [InlineData("Datum: 2625-05-01 Tid: 11.48")]
    public void A_century_misread_by_one_digit_still_reads_as_this_century(string line) =>
        ReceiptDates.Choose([line])?.Date.ShouldBe(new DateOnly(2025, 5, 1));

    [Fact]
    public void A_two_digit_dashed_date_on_a_foreign_receipt_reads_day_first() =>
        ReceiptDates.Choose(["17-06-18 12:56"], swedish: false)?.Date.ShouldBe(new DateOnly(2018, 6, 17));

    [Fact]
    public void A_day_above_twelve_reveals_an_american_month_first_date() =>
        ReceiptDates.Choose(["Date: 03/20/2018"])?.Date.ShouldBe(new DateOnly(2018, 3, 20));

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("1899-01-23")]
    [InlineData("31.02.2026")]
    public void Implausible_dates_are_rejected(string line) =>
        ReceiptDates.Choose([line]).ShouldBeNull();

    [Fact]
    public void Travel_stay_parking_and_due_dates_are_never_the_purchase_date()
    {
        string[] lines =
        [
            "Resdag: 2025-08-20",
            "Avresa 2025-08-21 07:05",
            "Incheckning 2025-08-22",
            "Start: 2025-08-23 07:32",
            "Förfallodatum: 2025-09-16",
            "Köpt: 2025-08-17 13:02",
        ];

        ReceiptDates.Choose(lines)?.Date.ShouldBe(new DateOnly(2025, 8, 17));
    }

    [Fact]
    public void A_parking_receipt_without_a_purchase_date_is_dated_by_its_end_unsurely_but_a_journey_is_not_dated_by_its_travel_day()
    {
        var parking = ReceiptDates.Choose(["P-Hus Centrum", "Start 18.01.2025 15:56", "Slut: 10.01.2025 16:26", "Total 20,00 kr"]);
        var journey = ReceiptDates.Choose(["SJ", "Avresa 2025-08-21 07:05", "Totalt 495,00"]);

        parking.ShouldBe((new DateOnly(2025, 1, 10), 0.5));
        journey.ShouldBeNull();
    }

    [Fact]
    public void A_billing_period_is_not_the_purchase_date()
    {
        string[] lines = ["Rechnungsdatum 7. Mai 2014", "01.05.14-31.05.14 Grundgebühr 4,99", "01.05.14-31.05.14 Domain 0,99"];

        ReceiptDates.Choose(lines)?.Date.ShouldBe(new DateOnly(2014, 5, 7));
    }

    [Fact]
    public void A_label_on_the_line_before_a_bare_date_also_excludes_it()
    {
        string[] lines = ["Ankomst", "2025-05-01", "Datum 2025-05-03"];

        ReceiptDates.Choose(lines)?.Date.ShouldBe(new DateOnly(2025, 5, 3));
    }

    [Fact]
    public void The_same_date_on_the_receipt_and_the_card_slip_is_confident_while_a_lone_unlabelled_date_is_not()
    {
        var repeated = ReceiptDates.Choose(["Datum 2026-02-13 11:32", "KORTKÖP", "2026-02-13 11:32"]);
        var lone = ReceiptDates.Choose(["Ref 2026-02-13"]);

        repeated!.Value.Confidence.ShouldBeGreaterThanOrEqualTo(0.9);
        lone!.Value.Confidence.ShouldBeLessThan(0.8);
    }

    [Fact]
    public void The_only_date_beside_a_purchase_label_and_a_time_is_confident_but_not_when_another_date_competes()
    {
        var only = ReceiptDates.Choose(["Kvitto 4711", "Datum: 2026-06-12 14:05", "Summa 960,00"]);
        var competing = ReceiptDates.Choose(["Datum: 2026-06-12 14:05", "Giltig t.o.m. 2026-07-12", "Bokad 2026-06-10"]);

        only!.Value.Confidence.ShouldBeGreaterThanOrEqualTo(0.9);
        competing!.Value.Confidence.ShouldBeLessThan(0.9);
    }

    [Fact]
    public void The_only_date_stamped_with_a_time_is_nearly_confirmed_unless_its_digits_read_two_ways()
    {
        var stamped = ReceiptDates.Choose(["ICA Nära Gärdet", "2026-06-12 14:05", "Summa 96,00"]);
        var ambiguous = ReceiptDates.Choose(["ICA Nära Gärdet", "12/06/26 14:05", "Summa 96,00"]);
        var unstamped = ReceiptDates.Choose(["ICA Nära Gärdet", "2026-06-12", "Summa 96,00"]);

        stamped.ShouldBe((new DateOnly(2026, 6, 12), 0.9));
        ambiguous!.Value.Confidence.ShouldBeLessThan(0.8);
        unstamped!.Value.Confidence.ShouldBeLessThan(0.8);
    }
}
