using System.Globalization;
using CleanLedger.Domain.Receipts;
using CleanLedger.Domain.Receipts.Reading;
using CleanLedger.Testing;
using CsCheck;

namespace CleanLedger.Domain.Tests.Receipts.Reading;

public class ConfidenceCalibrationTests
{
    private static readonly string Readings = Path.Combine(RepositoryPaths.Root, "tests", "Domain.Tests", "Receipts", "Reading", "calibration-readings.csv");

    [Fact]
    public void A_fitted_map_never_falls_whatever_the_readings() =>
        Gen.Select(Gen.Double[0, 1], Gen.Bool).Array[1, 200].Sample(samples =>
        {
            var map = IsotonicMap.Fit(samples.Select(sample => new CalibrationSample(Math.Round(sample.Item1, 2), sample.Item2)));
            var probabilities = Enumerable.Range(0, 101).Select(raw => map.Probability(raw / 100.0)).ToList();
            probabilities.Zip(probabilities.Skip(1)).ShouldAllBe(pair => pair.Second >= pair.First);
            probabilities.ShouldAllBe(probability => probability > 0 && probability < 1);
        });

    [Fact]
    public void Pool_adjacent_violators_merges_a_falling_pair_and_shrinks_each_block_towards_even_odds()
    {
        // 0.2 wrong, 0.4 right, 0.6 wrong (violates), 0.8 right twice.
        var map = IsotonicMap.Fit([new(0.2, false), new(0.4, true), new(0.6, false), new(0.8, true), new(0.8, true)]);

        map.Steps.ShouldBe([new CalibrationStep(0.2, 0.25), new CalibrationStep(0.4, 0.5), new CalibrationStep(0.8, 2.5 / 3)]);
        map.Probability(0.1).ShouldBe(0.25);
        map.Probability(0.7).ShouldBe(0.5);
        map.Probability(1).ShouldBe(2.5 / 3);
    }

    [Fact]
    public void A_reliability_table_counts_readings_and_right_ones_per_bin_with_a_perfect_score_in_the_last()
    {
        var table = ReliabilityBin.Table([new(0.05, false), new(0.55, true), new(0.58, false), new(1, true)], bins: 10);

        table.Count.ShouldBe(10);
        (table[0].Readings, table[0].Right).ShouldBe((1, 0));
        (table[5].Readings, table[5].Right, table[5].ShareRight).ShouldBe((2, 1, 0.5));
        (table[9].Readings, table[9].Right).ShouldBe((1, 1));
        table.Sum(bin => bin.Readings).ShouldBe(4);
    }

    [Fact]
    public void The_table_kept_in_the_repository_is_monotone_and_is_what_the_dev_readings_fit()
    {
        var fitted = ConfidenceCalibration.Fitted;
        var rows = ReadRows();

        foreach (var field in ConfidenceCalibration.Fields)
        {
            fitted.Maps[field].Steps.Zip(fitted.Maps[field].Steps.Skip(1)).ShouldAllBe(pair => pair.Second.Probability >= pair.First.Probability);
            var refit = IsotonicMap.Fit(rows.Where(row => row.Right(field) is not null).Select(row => new CalibrationSample(row.Raw(field), row.Right(field)!.Value)));
            refit.Steps.ShouldBe(fitted.Maps[field].Steps, $"{field}: run ./build/bench.sh calibration to fit the table again");
        }

        var derived = IsotonicMap.Fit(rows.Where(row => row.DerivedVatRight is not null).Select(row => new CalibrationSample(row.Raw(ReceiptFields.Total), row.DerivedVatRight!.Value)));
        derived.Steps.ShouldBe(fitted.Maps[ConfidenceCalibration.DerivedVat].Steps);
    }

    [Fact]
    public void On_the_dev_readings_the_derived_threshold_autoposts_at_most_one_receipt_in_a_hundred_wrong()
    {
        var candidates = ReadRows().Select(row => row.Candidate(ConfidenceCalibration.Fitted)).ToList();

        var threshold = AutopostThreshold.Derive(candidates);

        threshold.ShouldBe(ConfidenceCalibration.Fitted.AutopostProbability);
        var posted = candidates.Where(candidate => candidate.Postable && candidate.Weakest >= threshold).ToList();
        posted.Count.ShouldBeGreaterThan(0);
        ((double)posted.Count(candidate => candidate.Wrong) / posted.Count).ShouldBeLessThanOrEqualTo(AutopostThreshold.TargetWrongShare);
    }

    [Fact]
    public void A_threshold_met_only_by_a_gap_in_the_data_is_not_taken()
    {
        // Two hundred right at 0.996 and a wrong one at 0.999: at 0.996 one in 201 is wrong, but the stricter 0.999 posts only the wrong one.
        AutopostCandidate[] receipts = [new(0.999, true, true), new(0.95, true, true), .. Enumerable.Repeat(new AutopostCandidate(0.996, true, false), 200)];

        AutopostThreshold.Derive(receipts).ShouldBe(1);
    }

    [Fact]
    public void Readings_the_calibration_gives_poor_odds_are_not_let_through_by_a_clean_record()
    {
        // None of these was wrong, but half of them at 0.5 would be expected to be.
        AutopostCandidate[] receipts = [.. Enumerable.Repeat(new AutopostCandidate(0.999, true, false), 20), .. Enumerable.Repeat(new AutopostCandidate(0.5, true, false), 5)];

        AutopostThreshold.Derive(receipts).ShouldBe(0.999);
    }

    private static List<Row> ReadRows() =>
        File.ReadLines(Readings).Skip(1).Select(line => new Row(line.Split(','))).ToList();

    // file,total_raw,total_right,date_raw,date_right,vat_raw,vat_right,vat_read,derived_vat_right,postable,wrong
    private sealed class Row(string[] cells)
    {
        private static readonly string[] Fields = [ReceiptFields.Total, ReceiptFields.Date, ReceiptFields.Vat];

        public double Raw(string field) => double.Parse(cells[1 + (2 * Array.IndexOf(Fields, field))], CultureInfo.InvariantCulture);

        public bool? Right(string field) => Flag(cells[2 + (2 * Array.IndexOf(Fields, field))]);

        public bool? DerivedVatRight => Flag(cells[8]);

        public AutopostCandidate Candidate(ConfidenceCalibration calibration)
        {
            var (vatRead, postable) = (cells[7] == "1", cells[9] == "1");
            var weakest = Math.Min(calibration.Probability(ReceiptFields.Total, Raw(ReceiptFields.Total)), calibration.Probability(ReceiptFields.Date, Raw(ReceiptFields.Date)));
            weakest = Math.Min(weakest, vatRead ? calibration.Probability(ReceiptFields.Vat, Raw(ReceiptFields.Vat))
                : postable ? calibration.Probability(ConfidenceCalibration.DerivedVat, Raw(ReceiptFields.Total)) : 1);
            return new AutopostCandidate(weakest, postable, cells[10] == "1");
        }

        private static bool? Flag(string cell) => cell switch { "1" => true, "0" => false, _ => null };
    }
}
