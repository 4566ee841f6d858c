using System.Globalization;
using System.Text.RegularExpressions;
using CleanLedger.Domain.Receipts;

namespace CleanLedger.Application.Receipts;

/// <summary>
/// Reads a receipt's fields from its text, in one OCR pass or two: the standard pass is extracted,
/// and only when it came from OCR and leaves the total, the date or the VAT table in doubt (below
/// the autopost thresholds, or missing) is the alternative pass read and extracted too; the two
/// readings are combined group by group (<see cref="ReceiptReadings.Combine"/>), each pass's fields
/// discounted by that pass's own OCR confidence. The text kept is both passes, the second after a
/// mark that carries its mean confidence, so that the fields can be extracted again from the stored
/// text alone.
/// </summary>
public sealed partial class ReceiptReading(IReceiptExtractor extractor, ConfidenceThresholds thresholds)
{
    // Letters and digits below which a standard pass read next to nothing (a receipt has hundreds).
    private const int NextToNothing = 100;

    /// <summary>Separates the second pass's text from the first's in the stored text, with the second's mean confidence.</summary>
    public static string SecondPassMark(double meanConfidence) =>
        string.Create(CultureInfo.InvariantCulture, $"\f--- second OCR pass, mean confidence {meanConfidence:0.#} ---\f");

    /// <summary>The text to store, the fields, and whether the second pass ran.</summary>
    /// <param name="ocr">Reads the document in a pass.</param>
    /// <param name="speculate">
    /// Start the second pass beside the first (when engines are idle): the doubtful receipts then
    /// cost no extra time, and for the confident ones it is stopped as soon as the first is read.
    /// </param>
    /// <param name="receivedOn">The day the receipt was uploaded: no later date is its date (a misread year).</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    public async Task<(OcrResult Text, ReceiptExtraction Extraction, bool SecondPass)> ReadAsync(
        Func<OcrPass, CancellationToken, Task<OcrResult>> ocr, bool speculate, DateOnly receivedOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ocr);
        using var speculation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var alternative = speculate ? ocr(OcrPass.Alternative, speculation.Token) : null;
        try
        {
            var first = await ocr(OcrPass.Standard, cancellationToken);
            var extraction = await ExtractPassAsync(first, receivedOn, cancellationToken);
            // Zero pages: nothing could be decoded, and a second pass would not decode it either.
            if (first.Source != TextSource.Ocr || first.Pages == 0 || !thresholds.Doubts(extraction))
                return (first, extraction, false);

            OcrResult second;
            if (first.Text.Count(char.IsLetterOrDigit) < NextToNothing)
            {
                // A dark photo: the alternative pass is the only reading, and may take the engine the first left idle too.
                await speculation.CancelAsync();
                second = await ocr(OcrPass.AlternativeAlone, cancellationToken);
            }
            else
            {
                second = await (alternative ?? ocr(OcrPass.Alternative, cancellationToken));
            }

            // Extracted from the text as stored, so a resumed run finds the same fields.
            var both = first with { Text = first.Text + SecondPassMark(second.MeanConfidence) + second.Text };
            return (both, await ExtractAsync(both, receivedOn, cancellationToken), true);
        }
        finally
        {
            // A speculative pass that turned out unneeded is stopped, so that its engine is free for
            // the next receipt; once cancelled, its token stays cancelled after the source is disposed.
            if (alternative is not null)
            {
                await speculation.CancelAsync();
                _ = alternative.ContinueWith(pass => pass.Exception, TaskScheduler.Default);
            }
        }
    }

    /// <summary>The fields of a stored text (one pass, or both), as <see cref="ReadAsync"/> found them.</summary>
    public async Task<ReceiptExtraction> ExtractAsync(OcrResult stored, DateOnly receivedOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (Mark().Match(stored.Text) is not { Success: true } mark)
            return await ExtractPassAsync(stored, receivedOn, cancellationToken);

        var first = await ExtractPassAsync(stored with { Text = stored.Text[..mark.Index] }, receivedOn, cancellationToken);
        var second = await ExtractPassAsync(
            stored with
            {
                Text = stored.Text[(mark.Index + mark.Length)..],
                // Texts stored before the mark carried it keep the text's own confidence for both passes.
                MeanConfidence = mark.Groups["confidence"].Success
                    ? double.Parse(mark.Groups["confidence"].Value, CultureInfo.InvariantCulture)
                    : stored.MeanConfidence,
            },
            receivedOn,
            cancellationToken);
        return ReceiptReadings.Combine(first, second);
    }

    // A day's grace: the upload is stamped in UTC, the receipt in Swedish time.
    private async Task<ReceiptExtraction> ExtractPassAsync(OcrResult text, DateOnly receivedOn, CancellationToken cancellationToken) =>
        (await extractor.ExtractAsync(text, cancellationToken)).WithDateNotAfter(receivedOn.AddDays(1));

    [GeneratedRegex(@"\f--- second OCR pass(?:, mean confidence (?<confidence>\d+(?:\.\d)?))? ---\f")]
    private static partial Regex Mark();
}
