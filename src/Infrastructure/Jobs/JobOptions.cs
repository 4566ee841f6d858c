namespace CleanLedger.Infrastructure.Jobs;

/// <summary>Section "Jobs": the Hangfire job server that runs the receipt pipeline.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Whether this process runs jobs (enqueuing always works; another process may run them).</summary>
    public bool Server { get; set; } = true;

    /// <summary>Job workers; OCR is CPU-bound, so one per core.</summary>
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// PostgreSQL: what the job storage connects with: the jobs role, which owns the schema's
    /// tables and nothing else (required in staging/production; elsewhere the migration
    /// connection is used when it is not set).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite: the job database file; by default beside the books' file, with ".jobs" appended.</summary>
    public string? SqlitePath { get; set; }

    /// <summary>A document still received or processing this long is taken as stuck and run again by the sweep.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the sweep looks for stuck documents (cron).</summary>
    public string SweepSchedule { get; set; } = "*/5 * * * *";

    /// <summary>How often idle workers look for new jobs: a receipt should not wait long for its first step.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a job fetched by a server that died stays invisible before another server takes it.</summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
