using CleanLedger.Application.Common.IO;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Documents;
using CleanLedger.Application.Ledger;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Common;
using Mediator;

namespace CleanLedger.Application.Sie.ImportSie;

/// <summary>
/// One import, start to end (ADR 0014): the stored file is read line by line; each checked voucher
/// goes to staging in short transactions of a few thousand rows, with the progress; once the last
/// line is read and checked, one switch-over moves everything into the books at once. A refused
/// file leaves only the failed import and its reasons: staging is purged, nothing reached the books.
/// </summary>
/// <remarks>
/// A run that stops midway (the process died) is run again from the start: its staging is purged
/// first. Only the switch-over writes the books, and it checks under its own lock that the import
/// is still running, so no run can import twice.
/// </remarks>
public sealed class SieImportRunner(ISender sender, IDocumentStore store, ISieReader reader, TimeProvider clock)
{
    /// <summary>Staged rows per transaction: each commits in milliseconds, so other organisations' writes pass between.</summary>
    public const int StagingRows = 1_000;

    /// <summary>Warnings kept on the import; past these only their count.</summary>
    public const int MaxWarnings = 100;

    /// <summary>Staging rows deleted per transaction.</summary>
    public const int PurgeRows = 10_000;

    public async Task RunAsync(Guid orgId, Guid importId, CancellationToken cancellationToken)
    {
        if (await sender.Send(new StartSieImportRun(orgId, importId), cancellationToken) is not { } work)
            return;
        await PurgeAsync(orgId, importId, cancellationToken);

        var warnings = new Warnings();
        SieImportPlan plan;
        try
        {
            plan = await StageAsync(orgId, work, warnings, cancellationToken);
        }
        catch (Exception refusal) when (ProblemOf(refusal) is { } problem)
        {
            await FailAsync(orgId, importId, problem, warnings.ToList(), cancellationToken);
            return;
        }

        await sender.Send(new FinishSieImport(orgId, work, plan, warnings.ToList()), cancellationToken);
        await PurgeAsync(orgId, importId, cancellationToken);
    }

    /// <summary>Deletes what the import staged, then records it as failed: once failed, nothing of it is left.</summary>
    public async Task FailAsync(Guid orgId, Guid importId, SieImportProblem problem, IReadOnlyList<string> warnings, CancellationToken cancellationToken)
    {
        await PurgeAsync(orgId, importId, cancellationToken);
        await sender.Send(new FailSieImport(orgId, importId, problem, warnings), cancellationToken);
    }

    private async Task<SieImportPlan> StageAsync(Guid orgId, SieImportWork work, Warnings warnings, CancellationToken cancellationToken)
    {
        var planner = new SieImportPlanner(work.Years, clock.GetUtcNow());
        await using var stored = await store.OpenReadAsync(work.StorageKey, work.Sha256, cancellationToken);
        await using var content = new CountingReadStream(stored);
        var batch = new List<StagedVoucher>();
        var (rows, staged) = (0, 0);

        async Task FlushAsync(int line)
        {
            staged += batch.Count;
            await sender.Send(new StageSieVouchers(orgId, work.Id, batch, new SieImportProgress(line, content.BytesRead, staged)), cancellationToken);
            (batch, rows) = ([], 0);
        }

        await foreach (var entry in reader.ReadAsync(content, cancellationToken))
        {
            switch (entry)
            {
                case SieFiscalYear year:
                    planner.Add(year);
                    break;
                case SieWarning warning:
                    warnings.Add(warning.Text);
                    break;
                case SieVoucher voucher when planner.Place(voucher) is { } placed:
                    batch.Add(placed);
                    rows += placed.Rows.Count;
                    if (rows >= StagingRows)
                        await FlushAsync(voucher.Line);
                    break;
                case SieVoucher empty:
                    warnings.Add($"Line {empty.Line}, #VER: {empty.Series} {empty.Number} has no amounts and was not imported.");
                    break;
                case SieEnd end:
                    await FlushAsync(end.Line);
                    return planner.Complete(end);
            }
        }

        throw new InvalidOperationException("The SIE reader ended without its closing entry.");
    }

    private async Task PurgeAsync(Guid orgId, Guid importId, CancellationToken cancellationToken)
    {
        while (await sender.Send(new PurgeSieImportStaging(orgId, importId, PurgeRows), cancellationToken) > 0)
        {
        }
    }

    private static SieImportProblem? ProblemOf(Exception exception) => exception switch
    {
        SieFormatException format => new SieImportProblem("sie.invalid", format.Message, format.Line, format.Record),
        SieImportRefusedException refused => refused.Problem,
        DomainException domain => new SieImportProblem(domain.Code, domain.Message),
        _ => null,
    };

    private sealed class Warnings
    {
        private readonly List<string> _kept = [];
        private int _more;

        public void Add(string warning)
        {
            if (_kept.Count < MaxWarnings)
                _kept.Add(warning);
            else
                _more++;
        }

        public List<string> ToList() => _more == 0 ? [.. _kept] : [.. _kept, $"… and {_more} more warnings."];
    }
}

/// <summary>Marks the import running and answers what the run needs; null when it has finished (a re-delivered job).</summary>
public sealed record StartSieImportRun(Guid OrgId, Guid ImportId) : ICommand<SieImportWork?>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ImportBooks;
}

public sealed class StartSieImportRunHandler(ISieImportStore imports, IFiscalYearStore fiscalYears, ILedgerStore ledger, TimeProvider clock)
    : ICommandHandler<StartSieImportRun, SieImportWork?>
{
    public async ValueTask<SieImportWork?> Handle(StartSieImportRun command, CancellationToken cancellationToken)
    {
        if (await imports.StartAsync(command.OrgId, command.ImportId, clock.GetUtcNow(), cancellationToken) is not { } work)
            return null;
        var years = new List<SieTargetYear>();
        foreach (var year in await fiscalYears.ListAsync(command.OrgId, cancellationToken))
            years.Add(new SieTargetYear(year, await ledger.HasBooksAsync(command.OrgId, year.Id, cancellationToken)));
        return work with { Years = years };
    }
}

/// <summary>One batch of checked vouchers into staging, with the progress so far (a short transaction).</summary>
public sealed record StageSieVouchers(Guid OrgId, Guid ImportId, IReadOnlyList<StagedVoucher> Vouchers, SieImportProgress Progress) : ICommand, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ImportBooks;
}

public sealed class StageSieVouchersHandler(ISieImportStore imports) : ICommandHandler<StageSieVouchers>
{
    public async ValueTask<Unit> Handle(StageSieVouchers command, CancellationToken cancellationToken)
    {
        await imports.StageAsync(command.OrgId, command.ImportId, command.Vouchers, command.Progress, cancellationToken);
        return Unit.Value;
    }
}

/// <summary>
/// The switch-over: fiscal years, accounts, opening balances, series counters and every staged
/// voucher into the books in one transaction, or — when the books changed since the file was
/// checked (a year got verifications, an overlapping year appeared) — the import failed instead.
/// </summary>
/// <remarks>A refusal here is an answer, not an exception: the failed state commits with the command.</remarks>
public sealed record FinishSieImport(Guid OrgId, SieImportWork Work, SieImportPlan Plan, IReadOnlyList<string> Warnings) : ICommand, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ImportBooks;
}

public sealed class FinishSieImportHandler(
    ISieImportStore imports,
    IFiscalYearStore fiscalYears,
    IChartOfAccounts chart,
    ILedgerStore ledger,
    IAuditTrail audit,
    TimeProvider clock) : ICommandHandler<FinishSieImport>
{
    public async ValueTask<Unit> Handle(FinishSieImport command, CancellationToken cancellationToken)
    {
        var (orgId, work, plan, now) = (command.OrgId, command.Work, command.Plan, clock.GetUtcNow());
        if (await imports.LockAsync(orgId, work.Id, cancellationToken) != SieImportState.Running)
            return Unit.Value;
        if (await ConflictAsync(orgId, plan, cancellationToken) is { } conflict)
        {
            await imports.FailAsync(orgId, work.Id, conflict, command.Warnings, now, cancellationToken);
            return Unit.Value;
        }

        foreach (var year in plan.NewYears)
            await fiscalYears.InsertAsync(orgId, year, now, cancellationToken);
        var existing = (await chart.ListAsync(orgId, cancellationToken)).Select(account => account.Number).ToHashSet();
        var missing = plan.Accounts.Where(account => !existing.Contains(account.Number)).ToList();
        if (missing.Count > 0)
            await chart.AddAsync(orgId, missing, now, cancellationToken);
        if (plan.CurrentYearId is { } current)
            await ledger.InsertOpeningBalancesAsync(orgId, current, plan.OpeningBalances, cancellationToken);
        foreach (var tail in plan.Tails)
            await ledger.ContinueSeriesAfterAsync(orgId, tail.FiscalYearId, tail.Series, tail.Last, cancellationToken);

        var imported = await imports.SwitchOverAsync(orgId, work.Id, plan.Tails, work.RequestedBy, cancellationToken);
        var counts = new SieImportCounts(plan.NewYears.Count, missing.Count, imported);
        await audit.RecordAsync(orgId, "books.imported", $"sie/{work.Sha256}",
            new { work.FileName, counts.FiscalYearsCreated, counts.AccountsAdded, Verifications = imported, work.RequestedBy }, cancellationToken);
        await imports.SucceedAsync(orgId, work.Id, counts, command.Warnings, now, cancellationToken);
        return Unit.Value;
    }

    private async Task<SieImportProblem?> ConflictAsync(Guid orgId, SieImportPlan plan, CancellationToken cancellationToken)
    {
        var years = await fiscalYears.ListAsync(orgId, cancellationToken);
        foreach (var wanted in plan.NewYears)
        {
            if (years.FirstOrDefault(wanted.Overlaps) is { } overlapping)
            {
                return new SieImportProblem("sie.fiscal_year_overlap",
                    $"The file's fiscal year {wanted.Start:yyyy-MM-dd}–{wanted.End:yyyy-MM-dd} overlaps {overlapping.Start:yyyy-MM-dd}–{overlapping.End:yyyy-MM-dd}, added since the import began.");
            }
        }

        foreach (var year in years.Where(year => plan.TargetYears.Contains(year.Id)))
        {
            if (await ledger.HasBooksAsync(orgId, year.Id, cancellationToken))
            {
                return new SieImportProblem("sie.year_has_verifications",
                    $"The fiscal year {year.Start:yyyy-MM-dd}–{year.End:yyyy-MM-dd} got verifications or opening balances since the import began; import into an empty year.");
            }
        }

        return null;
    }
}

public sealed record FailSieImport(Guid OrgId, Guid ImportId, SieImportProblem Problem, IReadOnlyList<string> Warnings) : ICommand, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ImportBooks;
}

public sealed class FailSieImportHandler(ISieImportStore imports, TimeProvider clock) : ICommandHandler<FailSieImport>
{
    public async ValueTask<Unit> Handle(FailSieImport command, CancellationToken cancellationToken)
    {
        if (await imports.LockAsync(command.OrgId, command.ImportId, cancellationToken) is SieImportState.Queued or SieImportState.Running)
            await imports.FailAsync(command.OrgId, command.ImportId, command.Problem, command.Warnings, clock.GetUtcNow(), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Deletes a batch of the import's staging rows; answers how many (0: none left).</summary>
public sealed record PurgeSieImportStaging(Guid OrgId, Guid ImportId, int Limit) : ICommand<int>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ImportBooks;
}

public sealed class PurgeSieImportStagingHandler(ISieImportStore imports) : ICommandHandler<PurgeSieImportStaging, int>
{
    public async ValueTask<int> Handle(PurgeSieImportStaging command, CancellationToken cancellationToken) =>
        await imports.PurgeStagingAsync(command.OrgId, command.ImportId, command.Limit, cancellationToken);
}
