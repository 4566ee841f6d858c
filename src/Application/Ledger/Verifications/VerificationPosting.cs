using CleanLedger.Application.Common;
using CleanLedger.Application.Common.Security;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.Compliance;
using CleanLedger.Domain.Ledger.Verifications;

namespace CleanLedger.Application.Ledger.Verifications;

/// <summary>
/// The one way a verification enters the books: judged by every rule, refused with all results if
/// one blocks, otherwise numbered gaplessly, stored unchangeable and written to the audit trail —
/// all inside the caller's command transaction.
/// </summary>
public sealed class VerificationPosting(ILedgerStore ledger, IAuditTrail audit, ICurrentUser user, TimeProvider clock)
{
    public static VerificationDraft ToDraft(VerificationInput input) =>
        new(
            input.Date,
            input.Description.Trim(),
            string.IsNullOrWhiteSpace(input.Counterparty) ? null : input.Counterparty.Trim(),
            input.Series ?? VerificationDraft.DefaultSeries,
            input.Lines.Select(line => new VerificationLine(AccountNumber.Parse(line.Account), line.DebitOre, line.CreditOre, line.VatCode)).ToList(),
            input.DocumentIds ?? []);

    public async Task<List<RuleResult>> CheckAsync(Guid orgId, VerificationDraft draft, CancellationToken cancellationToken)
    {
        var context = await ledger.LoadComplianceContextAsync(orgId, draft, clock.Today(), cancellationToken);
        return ComplianceEngine.Default.Check(draft, context);
    }

    public async Task<PostedVerification> PostAsync(Guid orgId, VerificationDraft draft, CancellationToken cancellationToken)
    {
        var context = await ledger.LoadComplianceContextAsync(orgId, draft, clock.Today(), cancellationToken);
        var results = ComplianceEngine.Default.Check(draft, context);
        if (results.Exists(result => result.Blocks))
            throw new ComplianceException(results);

        var fiscalYear = context.FiscalYearOf(draft.Date)!;
        var number = await ledger.AllocateNumberAsync(orgId, fiscalYear.Id, draft.Series, cancellationToken);
        var now = clock.GetUtcNow();
        var verification = Verification.Post(draft, Guid.CreateVersion7(now), fiscalYear.Id, number, now, user.UserId);
        await ledger.InsertAsync(orgId, verification, results, cancellationToken);
        await audit.RecordAsync(
            orgId,
            draft.Reverses is null ? "verification.posted" : "verification.reversed",
            $"verification/{verification.Id}",
            new { verification.Series, verification.Number, verification.Date, draft.Reverses, Gross = draft.TotalDebit },
            cancellationToken);

        return new PostedVerification(
            verification.Id, verification.Series, verification.Number,
            ComplianceResult.From(results.Where(result => !result.Passed).ToList()));
    }
}
