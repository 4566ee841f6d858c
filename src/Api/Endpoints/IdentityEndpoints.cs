using CleanLedger.Api.Hosting;
using CleanLedger.Application.Identity.GetMe;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanLedger.Api.Endpoints;

public static class IdentityEndpoints
{
    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/me", GetMe)
            .WithName("GetMe")
            .WithTags(OpenApiConventions.IdentityTag)
            .WithSummary("The caller, their platform roles and their organisations.")
            .WithCommonProblems();
        return api;
    }

    private static async Task<Ok<CallerProfile>> GetMe(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetMe(), cancellationToken));
}
