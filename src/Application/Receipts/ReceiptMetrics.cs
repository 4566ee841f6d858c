using System.Diagnostics.Metrics;

namespace CleanLedger.Application.Receipts;

/// <summary>
/// The pipeline's live instruments (exported through OpenTelemetry); the durable counts behind the
/// KPI endpoints are the receipt events in the database.
/// </summary>
public sealed class ReceiptMetrics : IDisposable
{
    public const string MeterName = "CleanLedger.Receipts";

    private readonly Meter _meter;
    private readonly Counter<long> _attempts;
    private readonly Counter<long> _outcomes;
    private readonly Counter<long> _complianceBlocks;
    private readonly Histogram<double> _uploadToPosted;
    private readonly Histogram<double> _ocrTime;
    private long _waiting;

    public ReceiptMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _attempts = _meter.CreateCounter<long>("cleanledger.automation.attempts", description: "Receipts the pipeline judged.");
        _outcomes = _meter.CreateCounter<long>("cleanledger.automation.outcomes", description: "Pipeline outcomes by kind (autoposted, review, failed).");
        _complianceBlocks = _meter.CreateCounter<long>("cleanledger.compliance.blocks", description: "Blocking rule results, at pre-check or at posting.");
        _uploadToPosted = _meter.CreateHistogram<double>("cleanledger.receipt.upload_to_posted", unit: "s", description: "From upload to a posted verification.");
        _ocrTime = _meter.CreateHistogram<double>("cleanledger.ocr.duration", unit: "s", description: "Reading one document's text.");
        _meter.CreateObservableGauge("cleanledger.ocr.queue_depth", () => Interlocked.Read(ref _waiting), description: "Documents waiting for or in OCR in this process.");
    }

    public void Attempted() => _attempts.Add(1);

    public void Outcome(string kind) => _outcomes.Add(1, new KeyValuePair<string, object?>("outcome", kind));

    public void ComplianceBlocked(string stage) => _complianceBlocks.Add(1, new KeyValuePair<string, object?>("stage", stage));

    public void Posted(TimeSpan sinceUpload) => _uploadToPosted.Record(sinceUpload.TotalSeconds);

    public void OcrFinished(TimeSpan took) => _ocrTime.Record(took.TotalSeconds);

    public void OcrWaiting(int change) => Interlocked.Add(ref _waiting, change);

    public void Dispose() => _meter.Dispose();
}
