using CleanLedger.Infrastructure.Documents;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;

namespace CleanLedger.Infrastructure.Receipts.Ocr;

/// <summary>
/// A PDF's own text, one receipt line per line. PdfPig's page text runs everything together, and
/// the receipt extractor reads line by line ("Att betala ... 116,40"), so the lines are rebuilt from
/// the words' positions: words whose baselines lie within a fraction of their height form a line,
/// read left to right.
/// </summary>
internal static class PdfTextLayer
{
    /// <summary>
    /// The pages' text, or null when the PDF cannot be parsed. PdfPig parses in process, so only
    /// under a document work slot and only a document that passed the inflate cap.
    /// </summary>
    public static IReadOnlyList<string>? TryRead(DocumentWorkSlot slot, ReadOnlyMemory<byte> pdf)
    {
        slot.EnsureHeld();
        try
        {
            using var document = PdfDocument.Open(pdf.ToArray());
            return document.GetPages().Select(page => Lines(page.GetWords(NearestNeighbourWordExtractor.Instance))).ToList();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // PdfPig throws a variety of types on damaged files; poppler may still rasterise them.
            return null;
        }
    }

    public static int Letters(IEnumerable<string> pages) => pages.Sum(page => page.Count(char.IsLetter));

    private static string Lines(IEnumerable<Word> words)
    {
        var lines = new List<List<Word>>();
        foreach (var word in words.Where(word => !string.IsNullOrWhiteSpace(word.Text)).OrderByDescending(Baseline))
        {
            var line = lines.Count > 0 ? lines[^1] : null;
            if (line is null || Baseline(line[0]) - Baseline(word) > Tolerance(line[0], word))
                lines.Add([word]);
            else
                line.Add(word);
        }

        return string.Join('\n', lines.Select(line => string.Join(' ', line.OrderBy(word => word.BoundingBox.Left).Select(word => word.Text))));
    }

    /// <summary>PDF y grows upwards, so the first line of a page has the largest baseline.</summary>
    private static double Baseline(Word word) => word.Letters[0].StartBaseLine.Y;

    private static double Tolerance(Word first, Word word) => 0.4 * Math.Max(1, Math.Min(first.BoundingBox.Height, word.BoundingBox.Height));
}
