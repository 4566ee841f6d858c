using Microsoft.OpenApi;

namespace CleanLedger.Api.Hosting;

public static class OpenApiConventions
{
    /// <summary>The problem answers every authenticated route can give, declared so generated clients are typed.</summary>
    public static RouteHandlerBuilder WithCommonProblems(this RouteHandlerBuilder route) =>
        route.ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status500InternalServerError);

    /// <summary>Routes under /api/v1/orgs/{orgId}: unknown or foreign organisation, missing permission.</summary>
    public static RouteHandlerBuilder WithOrgProblems(this RouteHandlerBuilder route) =>
        route.WithCommonProblems()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static IServiceCollection AddApiOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "CleanLedger API",
                    Version = "v1",
                    Description = "Swedish bookkeeping: receipts in, verifications posted, SIE and VAT out.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
                return Task.CompletedTask;
            });
        });
}
