using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Domain.Ledger;
using Microsoft.AspNetCore.Mvc;

namespace CleanLedger.Api.Endpoints.Ledger;

/// <summary>A manual posting or pre-check, as the contract shapes it.</summary>
public sealed record VerificationRequest(
    DateOnly Date,
    string Description,
    IReadOnlyList<VerificationLineRequest> Lines,
    string? Counterparty = null,
    string? Series = null,
    IReadOnlyList<Guid>? DocumentIds = null);

/// <summary>One line: the account and either a debit or a credit in kronor, with the VAT code it carries.</summary>
public sealed record VerificationLineRequest(string Account, Kronor? Debit = null, Kronor? Credit = null, VatCode? VatCode = null);

public sealed record VerificationLineResponse(
    string Account, string? AccountName, string Debit, long DebitOre, string Credit, long CreditOre, VatCode? VatCode);

public sealed record VerificationResponse(
    Guid Id,
    string Series,
    long Number,
    DateOnly Date,
    DateTimeOffset RegisteredAt,
    string Description,
    string? Counterparty,
    string Currency,
    string Gross,
    long GrossOre,
    Guid PostedBy,
    Guid? Reverses,
    Guid? ReversedBy,
    IReadOnlyList<VerificationLineResponse> Lines,
    IReadOnlyList<Guid> DocumentIds,
    IReadOnlyList<ComplianceResult> ComplianceResults);

public sealed record VerificationSummaryResponse(
    Guid Id, string Series, long Number, DateOnly Date, string Description, string? Counterparty, string Gross, long GrossOre, Guid? Reverses);

public sealed record VerificationListResponse(IReadOnlyList<VerificationSummaryResponse> Items, int Page, int PageSize, long Total);

public sealed record PrecheckResponse(IReadOnlyList<ComplianceResult> Results);

/// <summary>422 when a blocking compliance rule fails: every rule's result comes along.</summary>
public sealed class ComplianceProblemDetails : ProblemDetails
{
    public IReadOnlyList<ComplianceResult> ComplianceResults { get; init; } = [];
}
