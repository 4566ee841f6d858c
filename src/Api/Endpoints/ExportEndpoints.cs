using CleanLedger.Api.Hosting;
using CleanLedger.Application.Exports.ExportSie;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanLedger.Api.Endpoints;

public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/orgs/{orgId:guid}/exports").WithTags(OpenApiConventions.ExportsTag)
            .MapGet("/sie", ExportSie)
            .WithName("ExportSie")
            .WithSummary("The fiscal year starting in 'year' as a SIE 4E file (codepage 437), for other Swedish bookkeeping programs.")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain")
            .ProducesValidationProblem()
            .WithOrgProblems();
        return api;
    }

    private static async Task<PushStreamHttpResult> ExportSie(Guid orgId, int year, ISender sender, CancellationToken cancellationToken)
    {
        var export = await sender.Send(new ExportSie(orgId, year), cancellationToken);
        return TypedResults.Stream(output => export.WriteAsync(output, cancellationToken), "text/plain; charset=IBM437", export.FileName);
    }
}
