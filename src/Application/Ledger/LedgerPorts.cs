using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.Compliance;
using CleanLedger.Domain.Ledger.FiscalYears;
using CleanLedger.Domain.Ledger.Verifications;

namespace CleanLedger.Application.Ledger;

/// <summary>The books' write side: what posting needs, inside the command's transaction.</summary>
public interface ILedgerStore
{
    /// <summary>Everything the compliance rules judge <paramref name="draft"/> against.</summary>
    Task<ComplianceContext> LoadComplianceContextAsync(Guid orgId, VerificationDraft draft, DateOnly today, CancellationToken cancellationToken);

    /// <summary>
    /// The next number in the series, taken under a lock on the series' counter row that is held
    /// until the transaction ends; a rollback gives the number back, so numbering stays gapless.
    /// </summary>
    Task<long> AllocateNumberAsync(Guid orgId, Guid fiscalYearId, string series, CancellationToken cancellationToken);

    Task InsertAsync(Guid orgId, Verification verification, IReadOnlyList<RuleResult> results, CancellationToken cancellationToken);

    Task<Verification?> FindAsync(Guid orgId, Guid verificationId, CancellationToken cancellationToken);

    Task<Guid?> FindReversalOfAsync(Guid orgId, Guid verificationId, CancellationToken cancellationToken);

    /// <summary>Whether the year holds any verification or opening balance (an import needs an empty year).</summary>
    Task<bool> HasBooksAsync(Guid orgId, Guid fiscalYearId, CancellationToken cancellationToken);

    /// <summary>Makes the series continue after <paramref name="lastNumber"/> (imported books keep their numbers).</summary>
    Task ContinueSeriesAfterAsync(Guid orgId, Guid fiscalYearId, string series, long lastNumber, CancellationToken cancellationToken);

    Task InsertOpeningBalancesAsync(Guid orgId, Guid fiscalYearId, IReadOnlyDictionary<int, long> balances, CancellationToken cancellationToken);
}

public interface IChartOfAccounts
{
    Task AddAsync(Guid orgId, IEnumerable<Account> accounts, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<Account>> ListAsync(Guid orgId, CancellationToken cancellationToken);

    Task<bool> SetActiveAsync(Guid orgId, AccountNumber number, bool active, CancellationToken cancellationToken);
}

public interface IFiscalYearStore
{
    Task<IReadOnlyList<FiscalYear>> ListAsync(Guid orgId, CancellationToken cancellationToken);

    Task InsertAsync(Guid orgId, FiscalYear year, DateTimeOffset now, CancellationToken cancellationToken);
}

public interface IPeriodStore
{
    Task LockAsync(Guid orgId, PeriodId period, Guid lockedBy, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The month's VAT return has been filed (the first filing's time is kept).</summary>
    Task MarkVatFiledAsync(Guid orgId, PeriodId period, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>The behandlingshistorik: who did what to the books and when. Append-only.</summary>
public interface IAuditTrail
{
    Task RecordAsync(Guid orgId, string action, string subject, object details, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEvent>> ListAsync(Guid orgId, int limit, CancellationToken cancellationToken);
}

public sealed record AuditEvent(Guid Id, DateTimeOffset OccurredAt, Guid UserId, string Action, string Subject, string Details);
