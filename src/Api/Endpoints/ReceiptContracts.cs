using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Receipts;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Receipts;

namespace CleanLedger.Api.Endpoints;

/// <summary>The contract's <c>extraction</c>: what was read off the receipt, money in kronor and öre, confidence 0..1 per field.</summary>
public sealed record ExtractionResponse(
    string? Vendor,
    string? OrgNumber,
    string? VatNumber,
    DateOnly? Date,
    string? Total,
    long? TotalOre,
    string? Currency,
    IReadOnlyList<ExtractedVatResponse> Vat,
    PaymentMethod? PaymentMethod,
    string? ReceiptNumber,
    IReadOnlyDictionary<string, double> Confidence,
    string Source)
{
    public static ExtractionResponse From(ReceiptExtraction extraction) =>
        new(extraction.Vendor, extraction.OrgNumber, extraction.VatNumber, extraction.Date, Kronor(extraction.TotalOre), extraction.TotalOre,
            extraction.Currency,
            extraction.Vat.Select(rate => new ExtractedVatResponse(rate.Rate, Money.FormatKronor(rate.AmountOre), rate.AmountOre, Money.FormatKronor(rate.NetOre), rate.NetOre)).ToList(),
            extraction.PaymentMethod, extraction.ReceiptNumber, extraction.Confidence, extraction.Source);

    private static string? Kronor(long? ore) => ore is { } value ? Money.FormatKronor(value) : null;
}

public sealed record ExtractedVatResponse(int Rate, string Amount, long AmountOre, string Net, long NetOre);

/// <summary>
/// Why a document waits for a person; <c>field</c> names the extraction field concerned, if any;
/// <c>message</c> explains what the pipeline found, <c>messageSv</c> and <c>messageEn</c> say what to check.
/// </summary>
public sealed record ReviewReasonResponse(string Code, string? Field, string Message, string MessageSv, string MessageEn)
{
    public static ReviewReasonResponse From(ReviewReason reason)
    {
        var text = ReviewReasonTexts.For(reason.Code);
        return new(reason.Code, reason.Field, reason.Message, text.Swedish, text.English);
    }
}

public sealed record ProposedLineResponse(string Account, string Debit, long DebitOre, string Credit, long CreditOre, VatCode? VatCode);

/// <summary>The verification the pipeline proposes; <c>lines</c> is null when essentials could not be read.</summary>
public sealed record ProposalResponse(
    DateOnly? Date, string Description, string? Counterparty, string Category, string CostAccount, AccountSource AccountSource, IReadOnlyList<ProposedLineResponse>? Lines)
{
    public static ProposalResponse From(StoredProposal proposal) =>
        new(proposal.Date, proposal.Description, proposal.Counterparty, proposal.Category, proposal.CostAccount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            proposal.AccountSource,
            proposal.Lines?.Select(line => new ProposedLineResponse(
                line.Account, Money.FormatKronor(line.DebitOre), line.DebitOre, Money.FormatKronor(line.CreditOre), line.CreditOre, line.VatCode)).ToList());
}

public sealed record ReviewItemResponse(
    Guid DocumentId,
    string FileName,
    DateTimeOffset UploadedAt,
    IReadOnlyList<string> ReviewReasons,
    IReadOnlyList<ReviewReasonResponse> ReviewDetails,
    ProposalResponse? Proposal,
    ExtractionResponse? Extraction,
    IReadOnlyList<ComplianceResult> ComplianceResults)
{
    public static ReviewItemResponse From(ReviewItem item) =>
        new(item.DocumentId, item.FileName, item.UploadedAt, item.Findings.ReviewReasons.Select(reason => reason.Code).ToList(),
            Details(item.Findings), item.Findings.Proposal is { } proposal ? ProposalResponse.From(proposal) : null,
            item.Findings.Extraction is { } extraction ? ExtractionResponse.From(extraction) : null, item.Findings.ComplianceResults);

    public static IReadOnlyList<ReviewReasonResponse> Details(ReceiptFindings findings) =>
        findings.ReviewReasons.Select(ReviewReasonResponse.From).ToList();
}

public sealed record ReviewListResponse(IReadOnlyList<ReviewItemResponse> Items, int Page, int PageSize, long Total);

/// <summary>
/// Optional corrections when approving: a cost account, a date, that the owner paid privately, a
/// description, the receipt's total where it was misread (kronor), its VAT per rate where it was
/// misread (<c>[{rate, amount}]</c>, rate 25, 12, 6 or 0, amount in kronor), or the complete lines
/// (amounts in kronor) instead of the proposal's.
/// </summary>
public sealed record ApproveRequest(
    string? Account = null,
    DateOnly? Date = null,
    bool? PaidPrivately = null,
    string? Description = null,
    IReadOnlyList<Ledger.VerificationLineRequest>? Lines = null,
    Ledger.Kronor? Total = null,
    IReadOnlyList<VatCorrectionRequest>? Vat = null);

/// <summary>The VAT at one rate as the receipt prints it: the rate in whole percent, the VAT in kronor.</summary>
public sealed record VatCorrectionRequest(int Rate, Ledger.Kronor Amount);
