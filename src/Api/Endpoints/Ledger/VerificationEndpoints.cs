using CleanLedger.Api.Hosting;
using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Ledger.Verifications.GetVerification;
using CleanLedger.Application.Ledger.Verifications.ListVerifications;
using CleanLedger.Application.Ledger.Verifications.PostVerification;
using CleanLedger.Application.Ledger.Verifications.PrecheckVerification;
using CleanLedger.Application.Ledger.Verifications.ReverseVerification;
using CleanLedger.Application.Reports.Pdfs;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanLedger.Api.Endpoints.Ledger;

public static class VerificationEndpoints
{
    public static IEndpointRouteBuilder MapVerificationEndpoints(this IEndpointRouteBuilder api)
    {
        var org = api.MapGroup("/orgs/{orgId:guid}").WithTags(OpenApiConventions.LedgerTag);

        org.MapPost("/verifications", Post)
            .WithName("PostVerification")
            .WithSummary("Posts a manual verification; 422 with every rule's result when a blocking rule fails.")
            .ProducesValidationProblem()
            .ProducesComplianceProblem()
            .WithOrgProblems();

        org.MapGet("/verifications/{verificationId:guid}", Get)
            .WithName("GetVerification")
            .WithSummary("The verification with its lines, linked documents and rule results.")
            .WithOrgProblems();

        org.MapGet("/verifications/{verificationId:guid}/pdf", GetPdf)
            .WithName("GetVerificationPdf")
            .WithSummary("The verification as PDF: header, lines, VAT, rule results and its receipt.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithOrgProblems();

        org.MapGet("/verifications", List)
            .WithName("ListVerifications")
            .WithSummary("Verifications by date, optionally within dates and one series, paged.")
            .ProducesValidationProblem()
            .WithOrgProblems();

        org.MapPost("/verifications/{verificationId:guid}/reverse", Reverse)
            .WithName("ReverseVerification")
            .WithSummary("Posts the correction that reverses the verification; the original is never altered.")
            .ProducesComplianceProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithOrgProblems();

        org.MapPost("/compliance/precheck", Precheck)
            .WithName("PrecheckVerification")
            .WithSummary("Every compliance rule's verdict on a proposed verification, without posting it.")
            .ProducesValidationProblem()
            .WithOrgProblems();
        return api;
    }

    private static async Task<Created<PostedVerification>> Post(Guid orgId, VerificationRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var posted = await sender.Send(new PostVerification(orgId, request.ToInput()), cancellationToken);
        return TypedResults.Created($"/api/v1/orgs/{orgId}/verifications/{posted.Id}", posted);
    }

    private static async Task<Ok<VerificationResponse>> Get(Guid orgId, Guid verificationId, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok((await sender.Send(new GetVerification(orgId, verificationId), cancellationToken)).ToResponse());

    private static async Task<FileContentHttpResult> GetPdf(Guid orgId, Guid verificationId, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.File(await sender.Send(new GetVerificationPdf(orgId, verificationId), cancellationToken), "application/pdf", $"verifikation-{verificationId}.pdf");

    private static async Task<Ok<VerificationListResponse>> List(
        Guid orgId, DateOnly? from, DateOnly? to, string? series, int? page, int? pageSize, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok((await sender.Send(new ListVerifications(orgId, from, to, series, page ?? 1, pageSize ?? 50), cancellationToken)).ToResponse());

    private static async Task<Created<PostedVerification>> Reverse(
        Guid orgId, Guid verificationId, DateOnly? date, ISender sender, CancellationToken cancellationToken)
    {
        var posted = await sender.Send(new ReverseVerification(orgId, verificationId, date), cancellationToken);
        return TypedResults.Created($"/api/v1/orgs/{orgId}/verifications/{posted.Id}", posted);
    }

    private static async Task<Ok<PrecheckResponse>> Precheck(Guid orgId, VerificationRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PrecheckResponse(await sender.Send(new PrecheckVerification(orgId, request.ToInput()), cancellationToken)));
}
