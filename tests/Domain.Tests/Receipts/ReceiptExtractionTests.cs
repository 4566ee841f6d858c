using CleanLedger.Domain.Receipts;

namespace CleanLedger.Domain.Tests.Receipts;

/// <summary>A reading's date against the day the receipt was received.</summary>
public class ReceiptExtractionTests
{
    private static readonly DateOnly Received = new(2026, 11, 25);

    private static ReceiptExtraction Dated(DateOnly date) =>
        new("Kafferosteriet", null, null, date, 431_00, "SEK", [], PaymentMethod.Card, null, null, null,
            new Dictionary<string, double> { [ReceiptFields.Date] = 0.8, [ReceiptFields.Total] = 0.9 }, "heuristic");

    [Fact]
    public void A_date_up_to_the_day_received_stays_as_read()
    {
        var reading = Dated(Received).WithDateNotAfter(Received);

        (reading.Date, reading.ConfidenceOf(ReceiptFields.Date)).ShouldBe((Received, 0.8));
    }

    [Theory]
    [InlineData(2095, 5, 15, 2025)] // 2025 with its decade misread
    [InlineData(2085, 5, 15, 2025)]
    [InlineData(2036, 11, 2, 2026)]
    public void A_later_year_whose_decade_was_misread_is_taken_this_year_or_last_at_half_the_confidence(int year, int month, int day, int expectedYear)
    {
        var reading = Dated(new DateOnly(year, month, day)).WithDateNotAfter(Received);

        reading.Date.ShouldBe(new DateOnly(expectedYear, month, day));
        reading.ConfidenceOf(ReceiptFields.Date).ShouldBe(0.4);
        reading.ConfidenceOf(ReceiptFields.Total).ShouldBe(0.9);
    }

    [Theory]
    [InlineData(2029, 3, 1)] // the last digit misread: no recent year ends in 9
    [InlineData(2026, 11, 27)] // only days ahead
    [InlineData(2036, 12, 2)] // 2 December has not come yet this year, and last year ends in 5
    public void Any_other_later_date_is_dropped(int year, int month, int day)
    {
        var reading = Dated(new DateOnly(year, month, day)).WithDateNotAfter(Received);

        (reading.Date, reading.ConfidenceOf(ReceiptFields.Date)).ShouldBe((null, 0));
    }
}
