using CleanLedger.Domain.Ledger.FiscalYears;

namespace CleanLedger.Application.Sie.ImportSie;

public enum SieImportState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>Why an import failed: a stable code, the file's line and record where there is one, and the reason.</summary>
public sealed record SieImportProblem(string Code, string Message, int? Line = null, string? Record = null);

/// <summary>
/// One import as its caller follows it: progress while it runs (lines read, vouchers staged, percent
/// of the file's bytes), then the outcome — counts when it succeeded, errors when it failed.
/// </summary>
public sealed record SieImportJob(
    Guid Id,
    SieImportState State,
    string FileName,
    long LinesRead,
    int VouchersImported,
    int Percent,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<SieImportProblem> Errors,
    int? FiscalYearsCreated,
    int? AccountsAdded,
    int? VerificationsImported,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);

/// <summary>What a run needs: the stored file, who asked for the import, and the organisation's years as they stand.</summary>
public sealed record SieImportWork(Guid Id, string FileName, string StorageKey, string Sha256, long Size, Guid RequestedBy, IReadOnlyList<SieTargetYear> Years);

/// <summary>An existing fiscal year, and whether it already holds verifications or opening balances (then nothing is imported into it).</summary>
public sealed record SieTargetYear(FiscalYear Year, bool HasBooks);

/// <summary>A voucher placed in its year and checked, waiting in staging for the switch-over.</summary>
public sealed record StagedVoucher(
    int Seq,
    Guid VerificationId,
    Guid FiscalYearId,
    string Series,
    long? Number,
    int? UnnumberedOrdinal,
    DateOnly Date,
    DateTimeOffset RegisteredAt,
    string Description,
    long GrossOre,
    int Line,
    long FirstRowSeq,
    IReadOnlyList<StagedRow> Rows);

public sealed record StagedRow(int Account, long DebitOre, long CreditOre);

public sealed record SieImportProgress(long LinesRead, long BytesRead, int VouchersStaged);

public sealed record SieImportCounts(int FiscalYearsCreated, int AccountsAdded, int VerificationsImported);

/// <summary>The import jobs and their staging rows (which, unlike posted books, are deleted once used).</summary>
public interface ISieImportStore
{
    Task InsertAsync(Guid orgId, Guid importId, string fileName, string storageKey, string sha256, long size, Guid requestedBy, DateTimeOffset now, CancellationToken cancellationToken);

    Task<SieImportJob?> FindAsync(Guid orgId, Guid importId, CancellationToken cancellationToken);

    /// <summary>Marks a queued (or interrupted) import running, holding its row; null when it is finished or unknown.</summary>
    Task<SieImportWork?> StartAsync(Guid orgId, Guid importId, DateTimeOffset now, CancellationToken cancellationToken);

    Task StageAsync(Guid orgId, Guid importId, IReadOnlyList<StagedVoucher> vouchers, SieImportProgress progress, CancellationToken cancellationToken);

    /// <summary>Holds the import's row until commit; its state, or null when unknown.</summary>
    Task<SieImportState?> LockAsync(Guid orgId, Guid importId, CancellationToken cancellationToken);

    /// <summary>
    /// Moves every staged voucher into the books in a few set-based statements, the vouchers without
    /// a number numbered after <paramref name="tails"/>' last numbered ones; answers how many.
    /// </summary>
    Task<int> SwitchOverAsync(Guid orgId, Guid importId, IReadOnlyList<SieSeriesTail> tails, Guid postedBy, CancellationToken cancellationToken);

    Task SucceedAsync(Guid orgId, Guid importId, SieImportCounts counts, IReadOnlyList<string> warnings, DateTimeOffset now, CancellationToken cancellationToken);

    Task FailAsync(Guid orgId, Guid importId, SieImportProblem problem, IReadOnlyList<string> warnings, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="limit"/> staged rows (or, when none are left, vouchers); answers how many.</summary>
    Task<int> PurgeStagingAsync(Guid orgId, Guid importId, int limit, CancellationToken cancellationToken);
}

/// <summary>Hands an import to the job queue once the row that records it has committed.</summary>
public interface ISieImportJobs
{
    void EnqueueAfterCommit(Guid orgId, Guid importId);
}
