using System.Diagnostics;
using System.Globalization;
using System.Text;
using CleanLedger.Domain.Receipts;
using CleanLedger.Domain.Receipts.Reading;
using CleanLedger.Testing;

namespace CleanLedger.Benchmarks;

/// <summary>
/// Fits the confidence calibration on labelled folders: every receipt read as the product reads it
/// (<see cref="ReceiptAccuracy.ReadFolderAsync"/>), per calibrated field a reliability table (bins of
/// raw confidence against the share actually right) and an isotonic map from raw score to probability,
/// then the autopost threshold derived from the target share of wrong autoposts, with the trade-off
/// curve it is chosen on. Writes the fitted table into the Domain
/// (src/Domain/Receipts/Reading/FittedCalibration.cs), the readings it was fitted on (for the Domain
/// tests: tests/Domain.Tests/Receipts/Reading/calibration-readings.csv) and the curve as
/// docs/images/autopost-tradeoff.png (gnuplot), and prints the tables as docs/benchmarks.md shows them.
/// </summary>
/// <remarks>
/// The readings do not depend on the fitted table (the second pass is decided on raw scores), so the
/// same folders and OCR texts always fit the same table. --ocr-cache DIR keeps each folder's OCR text
/// in DIR/&lt;parent&gt;-&lt;folder&gt;.
/// </remarks>
public static class CalibrationFit
{
    private const int Bins = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        var cacheRoot = args.SkipWhile(arg => arg != "--ocr-cache").Skip(1).FirstOrDefault();
        var folders = args.TakeWhile(arg => arg != "--ocr-cache").ToList();
        if (folders.Count == 0)
        {
            Console.Error.WriteLine("usage: Benchmarks calibration <folder with labels.jsonl>... [--ocr-cache DIR]");
            return 2;
        }

        var readings = new List<ReceiptAccuracy.Reading>();
        foreach (var folder in folders)
            readings.AddRange(await ReceiptAccuracy.ReadFolderAsync(folder, cacheRoot is null ? null : Path.Combine(cacheRoot, CacheName(folder)), new ConfidenceThresholds(), onePass: false));

        var maps = new Dictionary<string, IsotonicMap>();
        foreach (var field in ConfidenceCalibration.Fields)
        {
            var samples = SamplesOf(readings, field);
            maps[field] = IsotonicMap.Fit(samples);
            PrintReliability(field, samples, maps[field]);
        }

        var derived = readings.Select(reading => (reading, Right: ReceiptAccuracy.DerivedVatRight(reading.Label, reading.Got, reading.Text)))
            .Where(sample => sample.Right is not null)
            .Select(sample => new CalibrationSample(sample.reading.Got.ConfidenceOf(ReceiptFields.Total), sample.Right!.Value)).ToList();
        maps[ConfidenceCalibration.DerivedVat] = IsotonicMap.Fit(derived);
        PrintReliability(ConfidenceCalibration.DerivedVat + " (over the total's raw confidence)", derived, maps[ConfidenceCalibration.DerivedVat]);

        // Judged with every calibrated field let through: what else would hold each receipt, and whether posting it would be wrong.
        var unbounded = new ConfidenceThresholds { Calibration = new ConfidenceCalibration(maps, AutopostProbability: 0) };
        var candidates = readings.Select(reading =>
        {
            var (postable, wrong, _) = ReceiptAccuracy.Autopost(reading.Label, reading.Got, reading.Text, unbounded);
            var weakest = Math.Min(
                ConfidenceCalibration.Fields.Where(field => field != ReceiptFields.Vat || reading.Got.Vat.Count > 0)
                    .Min(field => unbounded.ProbabilityOf(reading.Got, field, VendorAgreement.None)),
                postable && reading.Got.Vat.Count == 0 ? unbounded.DerivedVatProbability(reading.Got) : 1);
            return new AutopostCandidate(weakest, postable, wrong);
        }).ToList();
        var threshold = AutopostThreshold.Derive(candidates);
        var curve = AutopostThreshold.Curve(candidates);
        PrintCurve(curve, threshold);

        await WriteReadingsAsync(readings, candidates);
        var calibration = new ConfidenceCalibration(maps, threshold);
        var generated = Path.Combine(RepositoryPaths.Root, "src", "Domain", "Receipts", "Reading", "FittedCalibration.cs");
        await File.WriteAllTextAsync(generated, Source(calibration, folders.Select(CacheName).ToList(), readings.Count));
        Console.WriteLine($"wrote {Path.GetRelativePath(RepositoryPaths.Root, generated)}");
        await PlotAsync(curve, threshold);
        return 0;
    }

    // The folder's parent and name: receipts-se/dev and receipts/dev apart.
    private static string CacheName(string folder)
    {
        var full = new DirectoryInfo(Path.GetFullPath(folder));
        return $"{full.Parent?.Name}-{full.Name}";
    }

    private static List<CalibrationSample> SamplesOf(IEnumerable<ReceiptAccuracy.Reading> readings, string field) =>
        readings.Where(reading => ReceiptAccuracy.Expected(reading.Label, field) is not null)
            .Select(reading => new CalibrationSample(
                reading.Got.ConfidenceOf(field),
                ReceiptAccuracy.Normalise(field, ReceiptAccuracy.Expected(reading.Label, field)) == ReceiptAccuracy.Normalise(field, ReceiptAccuracy.Actual(reading.Got, field))))
            .ToList();

    private static void PrintReliability(string field, IReadOnlyList<CalibrationSample> samples, IsotonicMap map)
    {
        Console.WriteLine($"reliability: {field} ({samples.Count} labelled readings)");
        Console.WriteLine("| raw confidence | readings | right | share right | mean calibrated |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var bin in ReliabilityBin.Table(samples, Bins).Where(bin => bin.Readings > 0))
        {
            var calibrated = samples.Where(sample => Math.Clamp((int)(sample.Raw * Bins), 0, Bins - 1) == (int)Math.Round(bin.From * Bins))
                .Average(sample => map.Probability(sample.Raw));
            Console.WriteLine(Invariant($"| {bin.From:0.0}–{bin.To:0.0} | {bin.Readings} | {bin.Right} | {bin.ShareRight:0.000} | {calibrated:0.000} |"));
        }

        Console.WriteLine();
    }

    private static void PrintCurve(IReadOnlyList<TradeOff> curve, double threshold)
    {
        Console.WriteLine($"trade-off over {curve[0].Receipts} receipts (derived threshold {Invariant($"{threshold:0.000}")})");
        Console.WriteLine("| calibrated threshold | autoposted | autopost rate | wrong | wrong rate | expected wrong rate |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        // Every step where the autoposted set changes, and the derived threshold.
        foreach (var point in curve.Where((point, i) => i == 0 || point.Posted != curve[i - 1].Posted || point.Threshold == threshold))
            Console.WriteLine(Invariant($"| {point.Threshold:0.000}{(point.Threshold == threshold ? " ◀" : "")} | {point.Posted} | {point.AutopostRate:0.000} | {point.Wrong} | {point.WrongRate:0.000} | {point.ExpectedWrongRate:0.000} |"));
        Console.WriteLine();
    }

    private static string Source(ConfidenceCalibration calibration, IReadOnlyList<string> sets, int receipts)
    {
        var source = new StringBuilder();
        source.AppendLine("// Generated by ./build/bench.sh calibration; do not edit by hand.");
        source.AppendLine(Invariant($"// Fitted on {receipts} labelled receipts: {string.Join(", ", sets)}."));
        source.AppendLine("namespace CleanLedger.Domain.Receipts.Reading;");
        source.AppendLine();
        source.AppendLine("internal static class FittedCalibration");
        source.AppendLine("{");
        source.AppendLine("    public static ConfidenceCalibration Calibration { get; } = new(");
        source.AppendLine("        new Dictionary<string, IsotonicMap>");
        source.AppendLine("        {");
        foreach (var (field, map) in calibration.Maps)
        {
            source.AppendLine(Invariant($"            [\"{field}\"] = new(["));
            foreach (var step in map.Steps)
                source.AppendLine(Invariant($"                new({step.Raw:R}, {step.Probability:R}),"));
            source.AppendLine("            ]),");
        }

        source.AppendLine("        },");
        source.AppendLine(Invariant($"        AutopostProbability: {calibration.AutopostProbability:R});"));
        source.AppendLine("}");
        return source.ToString();
    }

    /// <summary>The readings the fit was made on, one row per receipt, for the Domain tests to fit again and judge the threshold on.</summary>
    private static async Task WriteReadingsAsync(IReadOnlyList<ReceiptAccuracy.Reading> readings, IReadOnlyList<AutopostCandidate> candidates)
    {
        var rows = new List<string> { "file,total_raw,total_right,date_raw,date_right,vat_raw,vat_right,vat_read,derived_vat_right,postable,wrong" };
        rows.AddRange(readings.Select((reading, i) => string.Join(',',
            [reading.Label.GetProperty("file").GetString()!, .. ConfidenceCalibration.Fields.SelectMany(field => Sample(reading, field)),
                Flag(reading.Got.Vat.Count > 0), ReceiptAccuracy.DerivedVatRight(reading.Label, reading.Got, reading.Text) is { } right ? Flag(right) : "",
                Flag(candidates[i].Postable), Flag(candidates[i].Wrong)])));
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Domain.Tests", "Receipts", "Reading", "calibration-readings.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllLinesAsync(path, rows);
        Console.WriteLine($"wrote {Path.GetRelativePath(RepositoryPaths.Root, path)}");

        static string[] Sample(ReceiptAccuracy.Reading reading, string field) =>
            ReceiptAccuracy.Expected(reading.Label, field) is { } expected
                ? [Invariant($"{reading.Got.ConfidenceOf(field):R}"), Flag(ReceiptAccuracy.Normalise(field, expected) == ReceiptAccuracy.Normalise(field, ReceiptAccuracy.Actual(reading.Got, field)))]
                : [Invariant($"{reading.Got.ConfidenceOf(field):R}"), ""];

        static string Flag(bool value) => value ? "1" : "0";
    }

    private static async Task PlotAsync(IReadOnlyList<TradeOff> curve, double threshold)
    {
        var images = Path.Combine(RepositoryPaths.Root, "docs", "images");
        Directory.CreateDirectory(images);
        var data = Path.GetTempFileName();
        await File.WriteAllLinesAsync(data, curve.Select(point => Invariant($"{point.Threshold} {point.AutopostRate} {point.WrongRate} {point.ExpectedWrongRate}")));
        var chosen = curve.First(point => point.Threshold == threshold);
        var script = Invariant($"""
            set terminal png size 800,500
            set output '{Path.Combine(images, "autopost-tradeoff.png")}'
            set title 'Autopost rate against wrong autoposts, by calibrated threshold (dev sets)'
            set xlabel 'autopost rate (share of receipts posted without a person)'
            set ylabel 'wrong rate (share of autoposted receipts wrong)'
            set grid
            set key top left
            set xrange [0:*]
            set yrange [0:*]
            set arrow from graph 0, first {AutopostThreshold.TargetWrongShare} to graph 1, first {AutopostThreshold.TargetWrongShare} nohead dt 2 lc rgb 'red'
            plot '{data}' using 2:3 with linespoints lw 2 pt 6 title 'wrong on the dev sets', '{data}' using 2:4 with lines lw 2 title 'wrong as the calibration expects', '-' using 1:2 with points pt 7 ps 2 title 'derived threshold {threshold:0.000}'
            {chosen.AutopostRate} {chosen.WrongRate}
            e
            """);
        var gnuplot = Process.Start(new ProcessStartInfo("gnuplot") { RedirectStandardInput = true, UseShellExecute = false })!;
        await gnuplot.StandardInput.WriteAsync(script);
        gnuplot.StandardInput.Close();
        await gnuplot.WaitForExitAsync();
        File.Delete(data);
        Console.WriteLine(gnuplot.ExitCode == 0 ? "wrote docs/images/autopost-tradeoff.png" : $"gnuplot failed ({gnuplot.ExitCode})");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
