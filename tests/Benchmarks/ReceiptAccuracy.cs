using System.Globalization;
using System.Text.Json;
using CleanLedger.Application.Receipts;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.Compliance;
using CleanLedger.Domain.Ledger.FiscalYears;
using CleanLedger.Domain.Receipts;
using CleanLedger.Infrastructure.Receipts.Extraction;
using CleanLedger.Infrastructure.Documents;
using CleanLedger.Infrastructure.Receipts.Ocr;
using CleanLedger.Testing;
using Microsoft.Extensions.Options;

namespace CleanLedger.Benchmarks;

/// <summary>
/// Field accuracy of receipt reading as the product does it (in-process Tesseract, then the heuristic
/// extractor) against a folder's labels.jsonl: per file which fields matched, the misses, per-field
/// exact-match rates over the files whose label has the field, and how many wrong answers carried a
/// confidence of 0.8 or more (those would be posted automatically). The last line is one JSON object.
/// Reading is the product's (<see cref="ReceiptReading"/>: a second OCR pass where the first leaves
/// total, date or VAT in doubt); --one-pass reads the standard pass alone, for comparison. The
/// autopost figures decide as settling does. With --ocr-cache DIR the OCR text of each pass is kept
/// between runs, so that only the extraction is re-run.
/// </summary>
public static class ReceiptAccuracy
{
    private const double Confident = 0.8;
    // Every receipt is read as if uploaded today: none is dated later.
    private static readonly DateOnly ReceivedToday = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly string[] Fields = ["total", "date", "orgNumber", "vat", "vendor", "currency", "payment"];
    // The fields of the summary line; currency and payment are only shown in the table.
    private static readonly string[] SummaryFields = ["total", "date", "orgNumber", "vat", "vendor"];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: Benchmarks accuracy <folder with labels.jsonl> [--ocr-cache DIR] [--one-pass]");
            return 2;
        }

        var folder = args[0];
        var cache = args.SkipWhile(a => a != "--ocr-cache").Skip(1).FirstOrDefault();
        var thresholds = new ConfidenceThresholds();
        var results = await ReadFolderAsync(folder, cache, thresholds, args.Contains("--one-pass"));

        var tally = Fields.ToDictionary(f => f, _ => new Tally());
        Console.WriteLine($"{"file",-22} {string.Join(" ", Fields.Select(f => f[..Math.Min(f.Length, 8)].PadRight(8)))}");
        var autopost = new AutopostTally();
        var reviewReasons = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (label, got, text, _) in results)
        {
            var (posted, wrong, reasons) = Autopost(label, got, text, thresholds);
            autopost.Add(posted, wrong);
            foreach (var reason in reasons)
                reviewReasons[reason] = reviewReasons.GetValueOrDefault(reason) + 1;
            var marks = new List<string>();
            var misses = new List<string>();
            foreach (var field in Fields)
            {
                var expected = Expected(label, field);
                if (expected is null)
                {
                    marks.Add("-".PadRight(8));
                    continue;
                }

                var actual = Actual(got, field);
                var right = Normalise(field, expected) == Normalise(field, actual);
                var confident = got.ConfidenceOf(ConfidenceKey(field)) >= Confident;
                tally[field].Add(right, confident);
                marks.Add((right ? "ok" : "MISS").PadRight(8));
                if (!right)
                    misses.Add(string.Create(CultureInfo.InvariantCulture, $"{field}: expected '{expected}' got '{actual}' ({got.ConfidenceOf(ConfidenceKey(field)):0.00})"));
            }

            Console.WriteLine($"{label.GetProperty("file").GetString(),-22} {string.Join(" ", marks)}{(posted ? wrong ? " AUTOPOSTED WRONG" : " autoposted" : "")}");
            foreach (var miss in misses)
                Console.WriteLine($"    {miss}");
        }

        Console.WriteLine();
        Console.WriteLine($"{"field",-10} {"labelled",8} {"right",6} {"rate",6} {"right>=0.8",11} {"wrong>=0.8",11}");
        foreach (var (field, t) in tally)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{field,-10} {t.Labelled,8} {t.Right,6} {t.Rate,6:0.000} {t.ConfidentRight,11} {t.ConfidentWrong,11}"));

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"second OCR pass {results.Count(r => r.SecondPass)} of {results.Length}; autoposted {autopost.Posted} of {results.Length} ({autopost.Rate:0.000}), of them wrong {autopost.Wrong} ({autopost.WrongShare:0.000})"));

        Console.WriteLine("review reasons (receipts): " + string.Join(", ", reviewReasons.OrderByDescending(reason => reason.Value).ThenBy(reason => reason.Key, StringComparer.Ordinal)
            .Select(reason => $"{reason.Key} {reason.Value}")));

        var summary = new Dictionary<string, object> { ["images"] = results.Length };
        foreach (var field in SummaryFields.Where(f => tally[f].Labelled > 0))
            summary[field] = Math.Round(tally[field].Rate, 3);
        summary["secondPass"] = results.Count(r => r.SecondPass);
        summary["autopost"] = Math.Round(autopost.Rate, 3);
        summary["wrongAutopost"] = Math.Round(autopost.WrongShare, 3);
        Console.WriteLine(JsonSerializer.Serialize(summary));
        return 0;
    }

    /// <summary>One labelled receipt as read: its label, the fields, the text, and whether the second OCR pass ran.</summary>
    internal sealed record Reading(JsonElement Label, ReceiptExtraction Got, string Text, bool SecondPass);

    /// <summary>Every receipt of a folder's labels.jsonl read as the product reads it (or the standard pass alone), in the labels' order.</summary>
    internal static async Task<Reading[]> ReadFolderAsync(string folder, string? cache, ConfidenceThresholds thresholds, bool onePass)
    {
        var labels = File.ReadLines(Path.Combine(folder, "labels.jsonl")).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        using var ocr = new TesseractOcrEngine(Options.Create(new OcrOptions { Engines = 2 }), Options.Create(new ImageBudget()), DocumentWork.Gate());
        var reading = new ReceiptReading(new HeuristicReceiptExtractor(), thresholds);
        var results = new Reading[labels.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, labels.Count), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, token) =>
        {
            var file = labels[i].GetProperty("file").GetString()!;
            if (onePass)
            {
                var first = await ReadAsync(ocr, Path.Combine(folder, file), OcrPass.Standard, cache, token);
                results[i] = new(labels[i], await reading.ExtractAsync(first, ReceivedToday, token), first.Text, false);
                return;
            }

            var (text, got, secondPass) = await reading.ReadAsync((pass, ct) => ReadAsync(ocr, Path.Combine(folder, file), pass, cache, ct), speculate: false, ReceivedToday, token);
            results[i] = new(labels[i], got, text.Text, secondPass);
        });
        return results;
    }

    /// <summary>
    /// What the product would do with the reading: propose (no vendor memory, the printed payment
    /// method), the confidence thresholds, the compliance pre-check against the BAS chart with an open
    /// fiscal year, nothing locked and no duplicates. Autoposted as SettleReceiptHandler decides; wrong
    /// when the total, the VAT on 2641 or the date differs from the label.
    /// </summary>
    internal static (bool Posted, bool Wrong, List<string> Reasons) Autopost(JsonElement label, ReceiptExtraction got, string text, ConfidenceThresholds thresholds)
    {
        var documentId = Guid.NewGuid();
        var proposal = ReceiptProposer.Propose(documentId, got, text, null, new Domain.Receipts.ReceiptPayment(got.PaymentMethod, false, false));
        var reasons = proposal.Reasons.Concat(thresholds.Check(got, vatDerived: proposal.Draft is not null && got.Vat.Count == 0)).Select(reason => reason.Code).ToList();
        if (proposal.Draft is not { } draft)
            return (false, false, reasons);

        var year = new FiscalYear(Guid.NewGuid(), new DateOnly(draft.Date.Year, 1, 1), new DateOnly(draft.Date.Year, 12, 31));
        var context = new ComplianceContext(draft.Date.AddDays(3), [year], Chart, false, false,
            [new LinkedDocument(documentId, new string('0', 64), got.TotalOre, got.Currency)], 0, 0);
        reasons.AddRange(ComplianceEngine.Default.Check(draft, context)
            .Where(result => result.Blocks || (!result.Passed && result.Code == "DUP")).Select(result => $"compliance.{result.Code}"));
        if (reasons.Count > 0)
            return (false, false, reasons);

        // Only what the label states can be judged: a field the label leaves out is not counted wrong.
        var vat = draft.Lines.Where(line => line.Account.Value == ReceiptProposer.InputVatAccount).Sum(line => line.Debit - line.Credit);
        var wrongVat = label.TryGetProperty("vat", out var rows) && rows.ValueKind == JsonValueKind.Array
            && vat != rows.EnumerateArray().Sum(row => Money.TryParseKronor(row.GetProperty("amount").GetString(), out var ore) ? ore : 0);
        var wrong = wrongVat || Differs("total") || Differs("date");
        return (true, wrong, reasons);

        bool Differs(string field) => Expected(label, field) is { } expected && expected != Actual(got, field);
    }

    /// <summary>
    /// Where no VAT table was read but the proposal derived one from the total at one rate: whether the
    /// VAT it books on 2641 is the labelled VAT. Null where nothing was derived or the label has no VAT.
    /// </summary>
    internal static bool? DerivedVatRight(JsonElement label, ReceiptExtraction got, string text)
    {
        if (got.Vat.Count > 0 || !label.TryGetProperty("vat", out var rows) || rows.ValueKind != JsonValueKind.Array)
            return null;
        var proposal = ReceiptProposer.Propose(Guid.NewGuid(), got, text, null, new Domain.Receipts.ReceiptPayment(got.PaymentMethod, false, false));
        if (proposal.Draft is not { } draft)
            return null;
        var vat = draft.Lines.Where(line => line.Account.Value == ReceiptProposer.InputVatAccount).Sum(line => line.Debit - line.Credit);
        return vat == rows.EnumerateArray().Sum(row => Money.TryParseKronor(row.GetProperty("amount").GetString(), out var ore) ? ore : 0);
    }

    private static readonly IReadOnlyDictionary<int, Account> Chart = BasChart.SmallBusinessAccounts.ToDictionary(account => account.Number.Value);

    // Each pass is cached beside the standard one; clear the cache when OcrOptions.Alternative changes.
    private static async Task<OcrResult> ReadAsync(IOcrEngine ocr, string path, OcrPass pass, string? cache, CancellationToken token)
    {
        var cached = cache is null ? null : Path.Combine(cache, Path.GetFileName(path) + pass switch
        {
            OcrPass.Standard => ".json",
            OcrPass.Alternative => ".alternative.json",
            _ => ".alone.json",
        });
        if (cached is not null && File.Exists(cached))
            return JsonSerializer.Deserialize<OcrResult>(await File.ReadAllTextAsync(cached, token))!;

        var text = await ocr.ReadAsync(await File.ReadAllBytesAsync(path, token), ReceiptLabel.ContentTypeOf(path), pass, token);
        if (cached is not null)
        {
            Directory.CreateDirectory(cache!);
            await File.WriteAllTextAsync(cached, JsonSerializer.Serialize(text), token);
        }

        return text;
    }

    internal static string? Expected(JsonElement label, string field)
    {
        var name = field switch
        {
            "orgNumber" => "org_number",
            _ => field,
        };
        if (!label.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (field == "vat")
            return string.Join(";", value.EnumerateArray().Select(v => $"{v.GetProperty("rate").GetInt32()}:{v.GetProperty("amount").GetString()}"));
        return value.GetString();
    }

    internal static string? Actual(ReceiptExtraction got, string field) => field switch
    {
        "total" => got.TotalOre is { } total ? Money.FormatKronor(total) : null,
        "date" => got.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "orgNumber" => got.OrgNumber,
        "vat" => string.Join(";", got.Vat.Select(v => $"{v.Rate}:{Money.FormatKronor(v.AmountOre)}")),
        "vendor" => got.Vendor,
        "currency" => got.Currency,
        "payment" => got.PaymentMethod?.ToString().ToLowerInvariant(),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    private static string ConfidenceKey(string field) => field == "payment" ? ReceiptFields.PaymentMethod : field;

    // Vendors compare without case and whitespace; everything else is already in its normal form.
    internal static string? Normalise(string field, string? value) =>
        field == "vendor" && value is not null ? string.Concat(value.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant() : value;

    private sealed class AutopostTally
    {
        private int _receipts;

        public int Posted { get; private set; }
        public int Wrong { get; private set; }
        public double Rate => _receipts == 0 ? 0 : (double)Posted / _receipts;
        public double WrongShare => Posted == 0 ? 0 : (double)Wrong / Posted;

        public void Add(bool posted, bool wrong)
        {
            _receipts++;
            if (posted)
                Posted++;
            if (posted && wrong)
                Wrong++;
        }
    }

    private sealed class Tally
    {
        public int Labelled { get; private set; }
        public int Right { get; private set; }
        public int ConfidentRight { get; private set; }
        public int ConfidentWrong { get; private set; }
        public double Rate => Labelled == 0 ? 0 : (double)Right / Labelled;

        public void Add(bool right, bool confident)
        {
            Labelled++;
            if (right)
                Right++;
            if (confident && right)
                ConfidentRight++;
            if (confident && !right)
                ConfidentWrong++;
        }
    }
}
