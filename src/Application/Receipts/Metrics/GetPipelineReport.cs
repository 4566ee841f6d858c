using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using Mediator;

namespace CleanLedger.Application.Receipts.Metrics;

/// <summary>Automation KPIs, upload→posted latency and active alerts, from the durable receipt events (platform-wide, operators and admins).</summary>
public sealed record GetPipelineReport : IQuery<PipelineReport>, IPlatformScoped
{
    public static PlatformPermissions RequiredPermission => PlatformPermissions.ViewMetrics;
}

/// <summary>Counts since the start; the automation rate is autoposted ÷ attempts (0 when nothing was attempted).</summary>
public sealed record KpiReport(long Attempts, long Autoposted, double AutomationRate, long SentToReview, long Approved, long Failed, long PrecheckBlocks, long PostBlocks);

/// <summary>Upload→posted latency in milliseconds over the most recent postings (autoposted and approved).</summary>
public sealed record FlowReport(long Posted, long? P50Ms, long? P95Ms, long? P99Ms, long Waiting);

public sealed record Alert(string Code, string Message, double Value, double Threshold);

public sealed record PipelineReport(KpiReport Kpi, FlowReport Flow, IReadOnlyList<Alert> Alerts);

/// <summary>Section "Receipts:Alerts": when the pipeline needs a person's attention.</summary>
public sealed record AlertThresholds(int OcrQueueDepth = 50, int OldestWaitingMinutes = 15, int FailedDocuments = 1);

public sealed class GetPipelineReportHandler(IReceiptEvents events, AlertThresholds thresholds, TimeProvider clock) : IQueryHandler<GetPipelineReport, PipelineReport>
{
    public async ValueTask<PipelineReport> Handle(GetPipelineReport query, CancellationToken cancellationToken)
    {
        var figures = await events.FiguresAsync(cancellationToken);
        long Count(string kind) => figures.Counts.TryGetValue(kind, out var count) ? count : 0;

        var attempts = Count(ReceiptEventKinds.Attempt);
        var autoposted = Count(ReceiptEventKinds.Autoposted);
        var kpi = new KpiReport(attempts, autoposted, attempts == 0 ? 0 : Math.Round((double)autoposted / attempts, 4), Count(ReceiptEventKinds.SentToReview),
            Count(ReceiptEventKinds.Approved), Count(ReceiptEventKinds.Failed), Count(ReceiptEventKinds.PrecheckBlocked), Count(ReceiptEventKinds.PostBlocked));

        var latencies = figures.PostedLatenciesMs.Order().ToArray();
        var flow = new FlowReport(autoposted + Count(ReceiptEventKinds.Approved), Percentile(latencies, 50), Percentile(latencies, 95), Percentile(latencies, 99), figures.Waiting);

        var alerts = new List<Alert>();
        if (figures.Waiting >= thresholds.OcrQueueDepth)
            alerts.Add(new Alert("ocr.queue_depth", $"{figures.Waiting} documents wait for OCR.", figures.Waiting, thresholds.OcrQueueDepth));
        if (figures.OldestWaitingSince is { } oldest && (clock.GetUtcNow() - oldest).TotalMinutes is var minutes && minutes >= thresholds.OldestWaitingMinutes)
            alerts.Add(new Alert("ocr.oldest_waiting", $"A document has waited {minutes:0} minutes for the pipeline.", Math.Round(minutes, 1), thresholds.OldestWaitingMinutes));
        if (kpi.Failed >= thresholds.FailedDocuments)
            alerts.Add(new Alert("pipeline.failed", $"{kpi.Failed} documents failed after every retry; re-run them in the jobs dashboard.", kpi.Failed, thresholds.FailedDocuments));
        return new PipelineReport(kpi, flow, alerts);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static long? Percentile(IReadOnlyList<long> sorted, int percent) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
