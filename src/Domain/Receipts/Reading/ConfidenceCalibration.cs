namespace CleanLedger.Domain.Receipts.Reading;

/// <summary>One reading of one field on a labelled receipt: the reader's raw confidence and whether the value was right.</summary>
public readonly record struct CalibrationSample(double Raw, bool Right);

/// <summary>One step of a fitted map: from <see cref="Raw"/> upwards (to the next step) the field is right with <see cref="Probability"/>.</summary>
public readonly record struct CalibrationStep(double Raw, double Probability);

/// <summary>
/// A monotone map from a field's raw confidence to the probability that the field was read right,
/// fitted by isotonic regression (pool-adjacent-violators) on labelled readings. A step function:
/// a raw score between two fitted steps takes the lower one (the map never claims more than the
/// data showed), and a score below the first step takes the first.
/// </summary>
public sealed class IsotonicMap
{
    /// <summary>
    /// Pseudo-readings (half right, half wrong) added to every pooled block before its share is taken:
    /// a block of twenty readings all right is not certainty, and the shrinkage weighs most where the
    /// data are fewest.
    /// </summary>
    public const double PriorReadings = 1;

    private readonly CalibrationStep[] _steps;

    public IsotonicMap(IReadOnlyList<CalibrationStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0)
            throw new ArgumentException("A map needs at least one step.", nameof(steps));
        for (var i = 1; i < steps.Count; i++)
        {
            if (steps[i].Raw <= steps[i - 1].Raw || steps[i].Probability < steps[i - 1].Probability)
                throw new ArgumentException("Steps must rise in raw score and never fall in probability.", nameof(steps));
        }

        _steps = [.. steps];
    }

    public IReadOnlyList<CalibrationStep> Steps => _steps;

    public double Probability(double raw)
    {
        var index = Array.FindLastIndex(_steps, step => step.Raw <= raw);
        return _steps[Math.Max(index, 0)].Probability;
    }

    /// <summary>
    /// Pool-adjacent-violators over the samples sorted by raw score (equal scores are one block):
    /// neighbouring blocks whose shares of right readings fall are merged until the shares rise;
    /// each block's share is then shrunk by <see cref="PriorReadings"/> and pooled once more, so the
    /// shrinkage cannot undo the monotony.
    /// </summary>
    public static IsotonicMap Fit(IEnumerable<CalibrationSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var blocks = samples.GroupBy(sample => sample.Raw).OrderBy(group => group.Key)
            .Select(group => new Block(group.Key, group.Count(), group.Count(sample => sample.Right)))
            .ToList();
        if (blocks.Count == 0)
            throw new ArgumentException("Nothing to fit.", nameof(samples));

        var shrunk = Pool(Pool(blocks, block => block.Share), Shrunk);
        return new IsotonicMap(shrunk.Select(block => new CalibrationStep(block.From, Shrunk(block))).ToList());

        static double Shrunk(Block block) => (block.Right + (PriorReadings / 2)) / (block.Count + PriorReadings);
    }

    private static List<Block> Pool(List<Block> blocks, Func<Block, double> value)
    {
        var stack = new List<Block>(blocks.Count);
        foreach (var block in blocks)
        {
            var current = block;
            while (stack.Count > 0 && value(stack[^1]) >= value(current))
            {
                current = stack[^1].Merge(current);
                stack.RemoveAt(stack.Count - 1);
            }

            stack.Add(current);
        }

        return stack;
    }

    private sealed record Block(double From, double Count, double Right)
    {
        public double Share => Right / Count;

        public Block Merge(Block next) => new(From, Count + next.Count, Right + next.Right);
    }
}

/// <summary>One row of a reliability table: readings whose raw confidence fell in [From, To), and the share of them that was right.</summary>
public sealed record ReliabilityBin(double From, double To, int Readings, int Right)
{
    public double ShareRight => Readings == 0 ? 0 : (double)Right / Readings;

    /// <summary>Readings in equal-width bins of raw confidence over 0..1 (a raw score of 1 falls in the last bin).</summary>
    public static IReadOnlyList<ReliabilityBin> Table(IEnumerable<CalibrationSample> samples, int bins)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var byBin = samples.ToLookup(sample => Math.Clamp((int)(sample.Raw * bins), 0, bins - 1));
        return Enumerable.Range(0, bins).Select(bin => new ReliabilityBin(
            (double)bin / bins, (double)(bin + 1) / bins, byBin[bin].Count(), byBin[bin].Count(sample => sample.Right))).ToList();
    }
}

/// <summary>
/// The fields whose confidence decides autoposting (total, date, VAT table), each with its fitted map,
/// and the one probability every one of them must reach (<see cref="AutopostProbability"/>), derived
/// from the target share of wrong autoposts (<see cref="AutopostThreshold.Derive"/>).
/// </summary>
public sealed record ConfidenceCalibration(IReadOnlyDictionary<string, IsotonicMap> Maps, double AutopostProbability)
{
    /// <summary>The fields calibrated: the ones a wrong autopost is judged on.</summary>
    public static readonly IReadOnlyList<string> Fields = [ReceiptFields.Total, ReceiptFields.Date, ReceiptFields.Vat];

    /// <summary>
    /// A VAT derived from the total at one rate (no table was read): right as often as the total it
    /// comes from and the rate assumed are, so it has a map of its own, over the total's raw score.
    /// </summary>
    public const string DerivedVat = "vatDerived";

    /// <summary>The map fitted on the dev sets and kept in the repository (<see cref="FittedCalibration"/>).</summary>
    public static ConfidenceCalibration Fitted { get; } = FittedCalibration.Calibration;

    /// <summary>The calibrated probability that <paramref name="field"/> was read right; fields without a map keep their raw score.</summary>
    public double Probability(string field, double raw) => Maps.TryGetValue(field, out var map) ? map.Probability(raw) : raw;
}

/// <summary>One labelled receipt as the threshold sees it: the calibrated probability of its weakest needed field, and whether posting it would have been wrong.</summary>
/// <param name="Weakest">The lowest calibrated probability among the needed fields.</param>
/// <param name="Postable">Nothing but the confidence holds it (a complete proposal that passes the compliance pre-check).</param>
/// <param name="Wrong">Its total, date or VAT differs from the label.</param>
public readonly record struct AutopostCandidate(double Weakest, bool Postable, bool Wrong);

/// <summary>
/// At one threshold: the share of receipts that would post by themselves, the share of those that
/// were wrong on the labelled data, and the share the calibration expects to be wrong
/// (<see cref="ExpectedWrong"/>: the sum over the posted receipts of 1 − their weakest probability).
/// </summary>
public sealed record TradeOff(double Threshold, int Receipts, int Posted, int Wrong, double ExpectedWrong)
{
    public double AutopostRate => Receipts == 0 ? 0 : (double)Posted / Receipts;

    public double WrongRate => Posted == 0 ? 0 : (double)Wrong / Posted;

    public double ExpectedWrongRate => Posted == 0 ? 0 : ExpectedWrong / Posted;
}

/// <summary>
/// The autopost threshold from a target: at most <see cref="TargetWrongShare"/> of the receipts that
/// post by themselves may be wrong.
/// </summary>
public static class AutopostThreshold
{
    /// <summary>At most one autoposted receipt in a hundred may be wrong.</summary>
    public const double TargetWrongShare = 0.01;

    /// <summary>The trade-off at every threshold a receipt's weakest field could cross (each distinct calibrated probability), loosest first.</summary>
    public static IReadOnlyList<TradeOff> Curve(IReadOnlyList<AutopostCandidate> receipts)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        return receipts.Select(receipt => receipt.Weakest).Append(1).Distinct().Order()
            .Select(threshold =>
            {
                var posted = receipts.Where(receipt => receipt.Postable && receipt.Weakest >= threshold).ToList();
                return new TradeOff(threshold, receipts.Count, posted.Count, posted.Count(receipt => receipt.Wrong), posted.Sum(receipt => 1 - receipt.Weakest));
            })
            .ToList();
    }

    /// <summary>
    /// The loosest threshold at which the receipts autoposted are at most <see cref="TargetWrongShare"/>
    /// wrong both as counted on the labelled data and as the calibration expects, and stay so at every
    /// stricter threshold. The count alone is not enough: dev sets have few wrong readings that pass
    /// the arithmetic checks, and a threshold fitted to miss them would let through readings the
    /// calibration gives even odds. A receipt is wrong at least when its weakest field is, so
    /// 1 − weakest is the part of its risk the calibration sees (its fields' errors are not independent:
    /// one bad photo spoils them together). A threshold met only by a lucky gap in the data (wrong
    /// readings just below it, more just above) is not taken.
    /// </summary>
    public static double Derive(IReadOnlyList<AutopostCandidate> receipts)
    {
        var curve = Curve(receipts);
        var threshold = 1.0;
        for (var i = curve.Count - 1; i >= 0 && curve[i].WrongRate <= TargetWrongShare && curve[i].ExpectedWrongRate <= TargetWrongShare; i--)
            threshold = curve[i].Threshold;
        return threshold;
    }
}
