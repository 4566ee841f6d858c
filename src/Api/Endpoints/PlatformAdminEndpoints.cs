using CleanLedger.Api.Hosting;
using CleanLedger.Application.Audit.VerifyAuditChains;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.GrantOwner;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanLedger.Api.Endpoints;

/// <summary>Back-office routes under /api/v1/admin; the platform admin check is the messages' own scope.</summary>
public static class PlatformAdminEndpoints
{
    public static IEndpointRouteBuilder MapPlatformAdminEndpoints(this IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags(OpenApiConventions.PlatformAdminTag);

        admin.MapGet("/audit/verify", VerifyAudit)
            .WithName("VerifyAuditChains")
            .WithSummary("Recomputes the audit hash chains (all, or one organisation's) and names the first row that does not link (platform admins).")
            .WithCommonProblems()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        admin.MapPost("/orgs/{orgId:guid}/owners", GrantOwner)
            .WithName("GrantOwner")
            .WithSummary("Recovers an organisation: makes one of its members an owner, with a mandatory reason recorded in its audit chain (platform admins).")
            .ProducesValidationProblem()
            .WithCommonProblems()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<MemberDetails>> GrantOwner(Guid orgId, GrantOwnerRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GrantOwner(orgId, request.UserId, request.Reason), cancellationToken));

    private static async Task<Ok<AuditVerification>> VerifyAudit(Guid? orgId, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new VerifyAuditChains(orgId), cancellationToken));
}

public sealed record GrantOwnerRequest(Guid UserId, string Reason);
