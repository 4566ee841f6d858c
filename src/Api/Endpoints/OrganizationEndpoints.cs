using CleanLedger.Api.Hosting;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.CreateOrganization;
using CleanLedger.Application.Organizations.GetOrganization;
using CleanLedger.Application.Organizations.Invitations;
using CleanLedger.Application.Organizations.Invitations.CreateInvitation;
using CleanLedger.Application.Organizations.Invitations.ListInvitations;
using CleanLedger.Application.Organizations.Invitations.RedeemInvitation;
using CleanLedger.Application.Organizations.Invitations.RevokeInvitation;
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

        orgs.MapPost("/{orgId:guid}/invitations", Invite)
            .WithName("CreateInvitation")
            .WithSummary("Invites someone in a role (owners only); the answer carries the one-time code, valid 7 days and shown only this once.")
            .ProducesValidationProblem()
            .WithOrgProblems();

        orgs.MapGet("/{orgId:guid}/invitations", ListInvitations)
            .WithName("ListInvitations")
            .WithSummary("The invitations that can still be redeemed (owners only); codes are never shown again.")
            .WithOrgProblems();

        orgs.MapDelete("/{orgId:guid}/invitations/{invitationId:guid}", RevokeInvitation)
            .WithName("RevokeInvitation")
            .WithSummary("Revokes a pending invitation (owners only).")
            .WithOrgProblems();

        api.MapPost("/invitations/redeem", Redeem)
            .WithTags(OpenApiConventions.OrganisationsTag)
            .WithName("RedeemInvitation")
            .WithSummary("The signed-in caller redeems an invitation's code and becomes a member in the invited role.")
            .ProducesValidationProblem()
            .WithCommonProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
        return api;
    }

    private static async Task<Created<CreatedInvitation>> Invite(
        Guid orgId, CreateInvitationRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var invitation = await sender.Send(new CreateInvitation(orgId, request.Role, request.Email, request.Note), cancellationToken);
        return TypedResults.Created($"/api/v1/orgs/{orgId}/invitations", invitation);
    }

    private static async Task<Ok<IReadOnlyList<InvitationDetails>>> ListInvitations(Guid orgId, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListInvitations(orgId), cancellationToken));

    private static async Task<NoContent> RevokeInvitation(Guid orgId, Guid invitationId, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new RevokeInvitation(orgId, invitationId), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<RedeemedInvitation>> Redeem(RedeemInvitation command, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(command, cancellationToken));

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

public sealed record CreateInvitationRequest(OrgRole Role, string? Email = null, string? Note = null);
