using System.Globalization;
using CleanLedger.Api.Endpoints.Ledger;
using CleanLedger.Api.Hosting;
using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Receipts.Review;
using CleanLedger.Domain.Receipts;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanLedger.Api.Endpoints;

/// <summary>The review queue: receipts the pipeline would not post by itself, and their approval.</summary>
public static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder api)
    {
        var review = api.MapGroup("/orgs/{orgId:guid}/review").WithTags(OpenApiConventions.DocumentsTag);

        review.MapGet("", List)
            .WithName("ListReview")
            .WithSummary("Documents in needs_review, oldest first, with the reasons and the proposed verification.")
            .ProducesValidationProblem()
            .WithOrgProblems();
        review.MapPost("/{documentId:guid}/approve", Approve)
            .WithName("ApproveReview")
            .WithSummary("Posts the reviewed receipt, with optional corrections; the correction teaches the vendor memory.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesComplianceProblem()
            .WithOrgProblems();
        return api;
    }

    private static async Task<Ok<ReviewListResponse>> List(Guid orgId, int? page, int? pageSize, ISender sender, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new ListPendingReviews(orgId, page ?? 1, pageSize ?? 50), cancellationToken);
        return TypedResults.Ok(new ReviewListResponse(result.Items.Select(ReviewItemResponse.From).ToList(), result.Page, result.PageSize, result.Total));
    }

    private static async Task<Created<PostedVerification>> Approve(
        Guid orgId, Guid documentId, ApproveRequest? request, ISender sender, CancellationToken cancellationToken)
    {
        var corrections = request is null
            ? null
            : new ReceiptCorrections(ParseAccount(request.Account), request.Date, request.PaidPrivately, request.Description, request.Lines?.ToInputs(), request.Total?.Ore,
                request.Vat?.Select(rate => new VatCorrection(rate.Rate, rate.Amount.Ore)).ToList());
        var posted = await sender.Send(new ApproveReceipt(orgId, documentId, corrections), cancellationToken);
        return TypedResults.Created($"/api/v1/orgs/{orgId}/verifications/{posted.Id}", posted);
    }

    private static int? ParseAccount(string? account) =>
        account is null ? null
        : int.TryParse(account, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
        : throw new BadHttpRequestException($"'{account}' is not a BAS account (four digits).");
}
