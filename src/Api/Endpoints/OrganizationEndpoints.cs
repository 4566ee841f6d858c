using CleanLedger.Api.Hosting;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.CreateOrganization;
using CleanLedger.Application.Organizations.GetOrganization;
using CleanLedger.Application.Organizations.ListMembers;
using CleanLedger.Application.Organizations.SetMemberRole;
using CleanLedger.Domain.Access;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanLedger.Api.Endpoints;

public static class OrganizationEndpoints
{
    public static IEndpointRouteBuilder MapOrganizationEndpoints(this IEndpointRouteBuilder api)
    {
        var orgs = api.MapGroup("/orgs").WithTags(OpenApiConventions.OrganisationsTag);

        orgs.MapPost("", Create)
            .WithName("CreateOrganization")
            .WithSummary("Creates an organisation; the caller becomes its owner.")
            .ProducesValidationProblem()
            .WithCommonProblems();

        orgs.MapGet("/{orgId:guid}", Get)
            .WithName("GetOrganization")
            .WithSummary("The organisation.")
            .WithOrgProblems();

        orgs.MapGet("/{orgId:guid}/members", ListMembers)
            .WithName("ListMembers")
            .WithSummary("The organisation's members and their roles.")
            .WithOrgProblems();

        orgs.MapPut("/{orgId:guid}/members/{userId:guid}", SetMemberRole)
            .WithName("SetMemberRole")
            .WithSummary("Adds a user to the organisation or changes their role (owners only).")
            .ProducesValidationProblem()
            .WithOrgProblems();
        return api;
    }

    private static async Task<Created<OrganizationDetails>> Create(CreateOrganization command, ISender sender, CancellationToken cancellationToken)
    {
        var organization = await sender.Send(command, cancellationToken);
        return TypedResults.Created($"/api/v1/orgs/{organization.Id}", organization);
    }

    private static async Task<Ok<OrganizationDetails>> Get(Guid orgId, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetOrganization(orgId), cancellationToken));

    private static async Task<Ok<IReadOnlyList<MemberDetails>>> ListMembers(Guid orgId, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListMembers(orgId), cancellationToken));

    private static async Task<Ok<MemberDetails>> SetMemberRole(
        Guid orgId, Guid userId, SetMemberRoleRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new SetMemberRole(orgId, userId, request.Role), cancellationToken));
}

public sealed record SetMemberRoleRequest(OrgRole Role);
