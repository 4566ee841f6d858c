using CleanLedger.Application.Receipts;
using CleanLedger.Domain.Receipts;

namespace CleanLedger.Application.Tests.Receipts;

/// <summary>When the second OCR pass runs, what is stored, and that the stored text gives the same fields again.</summary>
public sealed class ReceiptReadingTests
{
    // A pass's first word decides its fields; the rest makes it as much text as a receipt has.
    private const string Sure = "sure" + Receipt;
    private const string Doubtful = "doubtful" + Receipt;
    private const string Receipt = ", and the rest: Kaffebaren AB, Storgatan 1, kaffe 64,00, moms 12,80, att betala 64,00, kortköp 64,00, tack för besöket, välkommen åter";

    /// <summary>What a standard pass reads of a dark photo.</summary>
    private const string NextToNothing = "doubtful ee";
    private static readonly DateOnly Received = new(2026, 5, 4);

    /// <summary>Ending a text, makes its date four years after the upload (a year misread).</summary>
    private const string Misdated = " misdated";

    private readonly List<OcrPass> _passes = [];

    private readonly List<(string Text, double MeanConfidence)> _extracted = [];

    /// <summary>Fields by the text's first word: "sure" reads everything confidently, "doubtful" a total at 0.6.</summary>
    private sealed class WordExtractor(List<(string, double)> extracted) : IReceiptExtractor
    {
        public Task<ReceiptExtraction> ExtractAsync(OcrResult text, CancellationToken cancellationToken)
        {
            extracted.Add((text.Text, text.MeanConfidence));
            var sure = text.Text.StartsWith(Sure, StringComparison.Ordinal);
            var confidence = new Dictionary<string, double> { ["total"] = sure ? 0.98 : 0.6, ["date"] = 0.95, ["vat"] = 0.9 };
            var date = text.Text.EndsWith(Misdated, StringComparison.Ordinal) ? Received.AddYears(4) : Received;
            return Task.FromResult(new ReceiptExtraction(null, null, null, date, sure ? 100_00 : 99_00, "SEK",
                [new VatAmount(25, 20_00, 80_00)], null, null, null, null, confidence, "test"));
        }
    }

    private readonly ReceiptReading _reading;

    public ReceiptReadingTests() => _reading = new(new WordExtractor(_extracted), new ConfidenceThresholds());

    private Func<OcrPass, CancellationToken, Task<OcrResult>> Ocr(string standard, string alternative, TextSource source = TextSource.Ocr, int pages = 1) =>
        (pass, _) =>
        {
            _passes.Add(pass);
            return Task.FromResult(pass == OcrPass.Standard ? new OcrResult(standard, 80, pages, source) : new OcrResult(alternative, 60, pages, source));
        };

    [Fact]
    public async Task A_sure_first_pass_is_all_that_runs()
    {
        var (text, extraction, second) = await _reading.ReadAsync(Ocr(Sure, Sure), speculate: false, Received, CancellationToken.None);

        (second, text.Text, extraction.TotalOre).ShouldBe((false, Sure, 100_00));
        _passes.ShouldBe([OcrPass.Standard]);
    }

    [Fact]
    public async Task A_doubtful_total_runs_the_alternative_pass_and_takes_the_surer_amounts()
    {
        var (text, extraction, second) = await _reading.ReadAsync(Ocr(Doubtful, Sure), speculate: false, Received, CancellationToken.None);

        second.ShouldBeTrue();
        _passes.ShouldBe([OcrPass.Standard, OcrPass.Alternative]);
        text.Text.ShouldBe(Doubtful + ReceiptReading.SecondPassMark(60) + Sure);
        // The doubtful pass read another total, which casts some doubt on the surer one.
        extraction.TotalOre.ShouldBe(100_00);
        extraction.ConfidenceOf("total").ShouldBe(0.98 * (1 - (0.6 / 2)), 1e-9);
    }

    [Fact]
    public async Task A_date_after_the_upload_is_no_date_so_the_other_pass_gives_it()
    {
        var (_, extraction, _) = await _reading.ReadAsync(Ocr(Doubtful, Sure + Misdated), speculate: false, Received, CancellationToken.None);
        var alone = await _reading.ExtractAsync(new OcrResult(Sure + Misdated, 80, 1, TextSource.Ocr), Received, CancellationToken.None);
        var nextDay = await _reading.ExtractAsync(new OcrResult(Sure, 80, 1, TextSource.Ocr), Received.AddDays(-1), CancellationToken.None);

        (extraction.TotalOre, extraction.Date).ShouldBe((100_00, Received));
        (alone.Date, alone.ConfidenceOf("date")).ShouldBe((null, 0));
        nextDay.Date.ShouldBe(Received);
    }

    [Fact]
    public async Task A_text_stored_before_the_mark_carried_a_confidence_is_still_read_as_two_passes()
    {
        var stored = new OcrResult(Doubtful + "\f--- second OCR pass ---\f" + Sure, 70, 1, TextSource.Ocr);

        var extraction = await _reading.ExtractAsync(stored, Received, CancellationToken.None);

        extraction.TotalOre.ShouldBe(100_00);
        _extracted.ShouldBe([(Doubtful, 70), (Sure, 70)]);
    }

    [Fact]
    public async Task A_speculative_second_pass_that_turns_out_unneeded_is_stopped()
    {
        CancellationToken speculation = default;
        Task<OcrResult> Ocr(OcrPass pass, CancellationToken token)
        {
            if (pass == OcrPass.Standard)
                return Task.FromResult(new OcrResult(Sure, 80, 1, TextSource.Ocr));
            speculation = token;
            return Task.Delay(Timeout.Infinite, token).ContinueWith(_ => new OcrResult(Doubtful, 60, 1, TextSource.Ocr), token, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        var (text, _, second) = await _reading.ReadAsync(Ocr, speculate: true, Received, CancellationToken.None);

        (second, text.Text).ShouldBe((false, Sure));
        speculation.IsCancellationRequested.ShouldBeTrue();
    }

    [Fact]
    public async Task After_a_first_pass_that_read_next_to_nothing_the_alternative_is_read_alone_once_the_speculative_one_stopped()
    {
        var speculativeStopped = false;
        CancellationToken speculation = default;
        Task<OcrResult> Ocr(OcrPass pass, CancellationToken token)
        {
            _passes.Add(pass);
            switch (pass)
            {
                case OcrPass.Standard:
                    return Task.FromResult(new OcrResult(NextToNothing, 40, 1, TextSource.Ocr));
                case OcrPass.Alternative:
                    speculation = token;
                    return Task.Delay(Timeout.Infinite, token).ContinueWith(_ => new OcrResult(Doubtful, 60, 1, TextSource.Ocr), token, TaskContinuationOptions.None, TaskScheduler.Default);
                default:
                    speculativeStopped = speculation.IsCancellationRequested;
                    return Task.FromResult(new OcrResult(Sure, 60, 1, TextSource.Ocr));
            }
        }

        var (text, extraction, second) = await _reading.ReadAsync(Ocr, speculate: true, Received, CancellationToken.None);

        _passes.ShouldBe([OcrPass.Alternative, OcrPass.Standard, OcrPass.AlternativeAlone]);
        speculativeStopped.ShouldBeTrue();
        (second, text.Text, extraction.TotalOre).ShouldBe((true, NextToNothing + ReceiptReading.SecondPassMark(60) + Sure, 100_00));
    }

    [Fact]
    public async Task Without_speculating_a_first_pass_that_read_next_to_nothing_is_followed_by_the_alternative_alone()
    {
        var (_, _, second) = await _reading.ReadAsync(Ocr(NextToNothing, Sure), speculate: false, Received, CancellationToken.None);

        second.ShouldBeTrue();
        _passes.ShouldBe([OcrPass.Standard, OcrPass.AlternativeAlone]);
    }

    [Fact]
    public async Task Each_pass_is_extracted_with_its_own_mean_confidence_also_from_the_stored_text()
    {
        var (text, _, _) = await _reading.ReadAsync(Ocr(Doubtful, Sure), speculate: false, Received, CancellationToken.None);
        _extracted.Clear();

        await _reading.ExtractAsync(text, Received, CancellationToken.None);

        text.MeanConfidence.ShouldBe(80);
        _extracted.ShouldBe([(Doubtful, 80), (Sure, 60)]);
    }

    [Fact]
    public async Task The_stored_text_of_both_passes_gives_the_same_fields_without_reading_again()
    {
        var (text, extraction, _) = await _reading.ReadAsync(Ocr(Doubtful, Sure), speculate: false, Received, CancellationToken.None);

        var again = await _reading.ExtractAsync(text, Received, CancellationToken.None);

        again.TotalOre.ShouldBe(extraction.TotalOre);
        again.Confidence.ShouldBe(extraction.Confidence);
        _passes.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_pdf_text_layer_is_never_read_twice()
    {
        var (_, _, second) = await _reading.ReadAsync(Ocr(Doubtful, Sure, TextSource.PdfTextLayer), speculate: false, Received, CancellationToken.None);

        second.ShouldBeFalse();
        _passes.ShouldBe([OcrPass.Standard]);
    }

    [Fact]
    public async Task An_image_that_could_not_be_decoded_is_not_read_twice()
    {
        var (_, _, second) = await _reading.ReadAsync(Ocr("", "", pages: 0), speculate: false, Received, CancellationToken.None);

        second.ShouldBeFalse();
    }

    [Fact]
    public async Task Speculating_starts_the_second_pass_first_and_keeps_it_only_where_the_first_leaves_doubt()
    {
        var (sureText, _, sureSecond) = await _reading.ReadAsync(Ocr(Sure, Doubtful), speculate: true, Received, CancellationToken.None);
        var (doubtfulText, doubtfulFields, doubtfulSecond) = await _reading.ReadAsync(Ocr(Doubtful, Sure), speculate: true, Received, CancellationToken.None);

        _passes.ShouldBe([OcrPass.Alternative, OcrPass.Standard, OcrPass.Alternative, OcrPass.Standard]);
        (sureSecond, sureText.Text).ShouldBe((false, Sure));
        (doubtfulSecond, doubtfulText.Text).ShouldBe((true, Doubtful + ReceiptReading.SecondPassMark(60) + Sure));
        doubtfulFields.TotalOre.ShouldBe(100_00);
    }
}
