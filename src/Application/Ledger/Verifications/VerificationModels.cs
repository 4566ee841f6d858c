using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.Compliance;

namespace CleanLedger.Application.Ledger.Verifications;

/// <summary>A verification as a caller proposes it (manual posting or pre-check); amounts in öre.</summary>
public sealed record VerificationInput(
    DateOnly Date,
    string Description,
    string? Counterparty,
    string? Series,
    IReadOnlyList<Guid>? DocumentIds,
    IReadOnlyList<LineInput> Lines);

public sealed record LineInput(string Account, long DebitOre, long CreditOre, VatCode? VatCode)
{
    /// <summary>A drafted line as a caller would have sent it (a receipt's proposal, an approval).</summary>
    public static LineInput Of(Domain.Ledger.Verifications.VerificationLine line) => new(line.Account.ToString(), line.Debit, line.Credit, line.VatCode);
}

/// <summary>One rule's verdict as answered to callers.</summary>
public sealed record ComplianceResult(string Code, RuleSeverity Severity, bool Passed, string Message, string MessageSv, string LegalReference)
{
    public static IReadOnlyList<ComplianceResult> From(IReadOnlyList<RuleResult> results) =>
        results.Select(r => new ComplianceResult(r.Code, r.Severity, r.Passed, r.Message.English, r.Message.Swedish, r.LegalReference)).ToList();
}

public sealed record PostedVerification(Guid Id, string Series, long Number, IReadOnlyList<ComplianceResult> Warnings);

public sealed record VerificationLineDetails(string Account, string? AccountName, long DebitOre, long CreditOre, VatCode? VatCode);

public sealed record VerificationDetails(
    Guid Id,
    string Series,
    long Number,
    DateOnly Date,
    DateTimeOffset RegisteredAt,
    string Description,
    string? Counterparty,
    string Currency,
    long GrossOre,
    Guid PostedBy,
    Guid? Reverses,
    Guid? ReversedBy,
    IReadOnlyList<VerificationLineDetails> Lines,
    IReadOnlyList<Guid> DocumentIds,
    IReadOnlyList<ComplianceResult> ComplianceResults);

public sealed record VerificationSummary(
    Guid Id, string Series, long Number, DateOnly Date, string Description, string? Counterparty, long GrossOre, Guid? Reverses);

public sealed record VerificationPage(IReadOnlyList<VerificationSummary> Items, int Page, int PageSize, long Total);

/// <summary>The read side of verifications.</summary>
public interface IVerificationReader
{
    Task<VerificationDetails?> GetAsync(Guid orgId, Guid verificationId, CancellationToken cancellationToken);

    Task<VerificationPage> ListAsync(Guid orgId, DateOnly? fromDate, DateOnly? toDate, string? series, int page, int pageSize, CancellationToken cancellationToken);
}
