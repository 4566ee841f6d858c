using CleanLedger.Application.Receipts;
using CleanLedger.Domain.Receipts;
using CleanLedger.Infrastructure.Receipts.Extraction;

namespace CleanLedger.Infrastructure.Tests.Receipts.Extraction;

/// <summary>
/// The product's reading of two OCR passes with the real extractor: what the second pass settles,
/// what the two confirm together, and what one pass's misreading costs.
/// </summary>
public sealed class TwoPassReadingTests
{
    private static readonly DateOnly Received = new(2025, 5, 14);

    // The standard pass as OCR read a dim photo: the total without its label, the year misread.
    private const string Dim = """
        Kafé Solsidan
        Org.nr: 556324-2592
        Kanelbulle 2 st 68,00
        Kaffe 2 st 104,00
        TOTALT 172,00
        Bates: 2029-05-13 Tid: 11.40
        """;

    // The second pass of the same photo: every line legible.
    private const string Clear = """
        Kafé Solsidan
        Org.nr: 556324-2592
        Kanelbulle 2 st 68,00
        Kaffe 2 st 104,00
        Totalt 172,00 kr
        Moms % Underlag Moms
        12% 153,57 18,43
        Kortköp 172,00
        Datum: 2025-05-13 Tid: 11:48
        """;

    private readonly ReceiptReading _reading = new(new HeuristicReceiptExtractor(), new ConfidenceThresholds());

    [Fact]
    public async Task The_second_pass_settles_what_the_first_left_in_doubt_and_a_date_after_the_upload_is_no_date()
    {
        var (text, fields, secondPass) = await _reading.ReadAsync(Passes(Dim, Clear), speculate: false, Received, CancellationToken.None);

        secondPass.ShouldBeTrue();
        (fields.TotalOre, fields.Date, fields.OrgNumber).ShouldBe((172_00, new DateOnly(2025, 5, 13), "556324-2592"));
        fields.Vat.ShouldBe([new VatAmount(12, 18_43, 153_57)]);
        new ConfidenceThresholds().Doubts(fields).ShouldBeFalse();
        (await _reading.ExtractAsync(text, Received, CancellationToken.None)).Confidence.ShouldBe(fields.Confidence);
    }

    [Fact]
    public async Task Two_passes_that_read_the_same_total_are_surer_of_it_than_either_and_different_totals_are_doubted()
    {
        var same = await _reading.ExtractAsync(Stored(Clear, Clear), Received, CancellationToken.None);
        var alone = await _reading.ExtractAsync(new OcrResult(Clear, 80, 1, TextSource.Ocr), Received, CancellationToken.None);
        var different = await _reading.ExtractAsync(Stored(Clear, Clear.Replace("172,00", "112,00", StringComparison.Ordinal)), Received, CancellationToken.None);

        same.ConfidenceOf(ReceiptFields.Total).ShouldBeGreaterThan(alone.ConfidenceOf(ReceiptFields.Total));
        different.TotalOre.ShouldBe(172_00);
        different.ConfidenceOf(ReceiptFields.Total).ShouldBeLessThan(new ConfidenceThresholds().Total);
    }

    [Fact]
    public async Task A_date_whose_decade_both_passes_misread_is_dated_in_a_recent_year_and_left_for_review()
    {
        // 15.05.2025 read as 2095 and 2085: the units of the year and the day and month agree.
        var stored = Stored(Clear.Replace("2025-05-13", "15.05.2095", StringComparison.Ordinal), Clear.Replace("2025-05-13", "15.05 2085", StringComparison.Ordinal));

        var fields = await _reading.ExtractAsync(stored, new DateOnly(2026, 11, 25), CancellationToken.None);

        fields.Date.ShouldBe(new DateOnly(2025, 5, 15));
        fields.ConfidenceOf(ReceiptFields.Date).ShouldBeLessThan(new ConfidenceThresholds().Date);
    }

    private static Func<OcrPass, CancellationToken, Task<OcrResult>> Passes(string standard, string alternative) =>
        (pass, _) => Task.FromResult(new OcrResult(pass == OcrPass.Standard ? standard : alternative, 80, 1, TextSource.Ocr));

    private static OcrResult Stored(string first, string second) =>
        new(first + ReceiptReading.SecondPassMark(80) + second, 80, 1, TextSource.Ocr);
}
