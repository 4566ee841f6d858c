using System.ComponentModel;
using CleanLedger.Api.Hosting;
using CleanLedger.Application.Documents;
using CleanLedger.Application.Documents.CheckUpload;
using CleanLedger.Application.Documents.GetDocument;
using CleanLedger.Application.Documents.LegalHolds.GetLegalHold;
using CleanLedger.Application.Documents.LegalHolds.SetLegalHold;
using CleanLedger.Application.Documents.ListDocuments;
using CleanLedger.Application.Documents.ReadDocumentFile;
using CleanLedger.Application.Documents.RecordRejectedUpload;
using CleanLedger.Application.Documents.UploadDocument;
using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Domain.Documents;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CleanLedger.Api.Endpoints;

public static class DocumentEndpoints
{
    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder api)
    {
        var documents = api.MapGroup("/orgs/{orgId:guid}/documents").WithTags(OpenApiConventions.DocumentsTag);

        documents.MapPost("", Upload)
            .RequirePermissionBeforeBody<UploadDocument>()
            .WithName("UploadDocument")
            .WithSummary("Uploads a receipt or invoice (multipart field 'file'); idempotent with an Idempotency-Key; the same bytes again return the existing document.")
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithOrgProblems();

        documents.MapGet("/{documentId:guid}", Get).WithName("GetDocument").WithSummary("The document and how far it has come.").WithOrgProblems();
        documents.MapGet("/{documentId:guid}/file", ReadFile)
            .WithName("GetDocumentFile")
            .WithSummary("The exact bytes as uploaded.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .WithOrgProblems();
        documents.MapGet("/{documentId:guid}/legal-hold", GetLegalHold)
            .WithName("GetLegalHold")
            .WithSummary("Whether the document is kept under legal hold, since when, by whom and why.")
            .WithOrgProblems();
        documents.MapPut("/{documentId:guid}/legal-hold", SetLegalHold)
            .WithName("SetLegalHold")
            .WithSummary("Places or lifts a legal hold (accountants and owners; a reason is required and audited): while on, the file is kept past its seven years.")
            .ProducesValidationProblem()
            .WithOrgProblems();
        documents.MapGet("", List).WithName("ListDocuments").WithSummary("Documents, newest first, optionally by status.").ProducesValidationProblem().WithOrgProblems();
        return api;
    }

    private static async Task<Accepted<UploadResponse>> Upload(
        Guid orgId, HttpRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ISender sender, CancellationToken cancellationToken)
    {
        IncomingFile file;
        try
        {
            file = await MultipartUpload.ReceiveAsync(request, cancellationToken);
        }
        catch (UploadRejectedException rejected)
        {
            await sender.Send(new RecordRejectedUpload(orgId, MultipartUpload.FileNameOf(request) ?? "", rejected.Code, rejected.Message), cancellationToken);
            throw;
        }

        try
        {
            var checkedUpload = await sender.Send(new CheckUpload(orgId, file), cancellationToken);
            var uploaded = await sender.Send(new UploadDocument(orgId, file, idempotencyKey, checkedUpload), cancellationToken);
            if (uploaded.Refusal is { } refusal)
                throw new UploadRejectedException(refusal.Rejection, refusal.Code, refusal.Reason);
            return TypedResults.Accepted($"/api/v1/orgs/{orgId}/documents/{uploaded.Id}",
                new UploadResponse(uploaded.Id, uploaded.Status, uploaded.Sha256, uploaded.DuplicateOf));
        }
        finally
        {
            File.Delete(file.Path);
        }
    }

    private static async Task<Ok<DocumentResponse>> Get(Guid orgId, Guid documentId, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(DocumentResponse.From(await sender.Send(new GetDocument(orgId, documentId), cancellationToken)));

    private static async Task<FileStreamHttpResult> ReadFile(Guid orgId, Guid documentId, ISender sender, CancellationToken cancellationToken)
    {
        var file = await sender.Send(new ReadDocumentFile(orgId, documentId), cancellationToken);
        return TypedResults.Stream(file.Content, file.ContentType, file.FileName);
    }

    private static async Task<Ok<LegalHoldResponse>> GetLegalHold(Guid orgId, Guid documentId, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(LegalHoldResponse.From(documentId, await sender.Send(new GetLegalHold(orgId, documentId), cancellationToken)));

    private static async Task<Ok<LegalHoldResponse>> SetLegalHold(
        Guid orgId, Guid documentId, SetLegalHoldRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(LegalHoldResponse.From(documentId, await sender.Send(new SetLegalHold(orgId, documentId, request.OnHold, request.Reason), cancellationToken)));

    private static async Task<Ok<DocumentPage>> List(
        Guid orgId, [Description("received, processing, posted, needs_review, rejected or failed")] string? status, int? page, int? pageSize,
        ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListDocuments(orgId, ParseStatus(status), page ?? 1, pageSize ?? 50), cancellationToken));

    // The contract's snake_case names ("needs_review"), as the answers spell them.
    private static DocumentStatus? ParseStatus(string? status) =>
        status is null ? null
        : Enum.TryParse<DocumentStatus>(status.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && !int.TryParse(status, out _) ? parsed
        : throw new BadHttpRequestException($"'{status}' is not a document status (received, processing, posted, needs_review, rejected, failed).");
}

public sealed record SetLegalHoldRequest(bool OnHold, string Reason);

/// <summary>A document's legal hold; a document never held is not on hold and has no change to show.</summary>
public sealed record LegalHoldResponse(Guid DocumentId, bool OnHold, string? Reason, DateTimeOffset? ChangedAt, Guid? ChangedBy)
{
    public static LegalHoldResponse From(Guid documentId, LegalHold? hold) =>
        hold is null ? new(documentId, false, null, null, null) : new(hold.DocumentId, hold.OnHold, hold.Reason, hold.ChangedAt, hold.ChangedBy);
}

/// <summary>The contract's answer to an upload (202).</summary>
public sealed record UploadResponse(Guid Id, DocumentStatus Status, string Sha256, Guid? DuplicateOf);

/// <summary>
/// The contract's document: what the pipeline steps add is empty until they run. <c>reviewReasons</c>
/// holds the reasons' codes; <c>reviewDetails</c> the same reasons with field and explanation.
/// </summary>
public sealed record DocumentResponse(
    Guid Id,
    DocumentStatus Status,
    string Sha256,
    string FileName,
    string ContentType,
    long Size,
    DateTimeOffset UploadedAt,
    ScanResult ScanResult,
    string? OcrText,
    ExtractionResponse? Extraction,
    Guid? VerificationId,
    IReadOnlyList<string> ReviewReasons,
    IReadOnlyList<ReviewReasonResponse> ReviewDetails,
    IReadOnlyList<ComplianceResult> ComplianceResults)
{
    public static DocumentResponse From(DocumentDetails details)
    {
        var (document, findings) = (details.Document, details.Findings);
        return new(document.Id, document.Status, document.Sha256, document.FileName, document.ContentType, document.Size, document.UploadedAt,
            document.ScanResult, findings?.OcrText, findings?.Extraction is { } extraction ? ExtractionResponse.From(extraction) : null, findings?.VerificationId,
            findings?.ReviewReasons.Select(reason => reason.Code).ToList() ?? [], findings is null ? [] : ReviewItemResponse.Details(findings),
            findings?.ComplianceResults ?? []);
    }
}
