using System.Text.Json;
using Microsoft.OpenApi;

namespace CleanLedger.Api.Hosting;

public static class OpenApiConventions
{
    public const string HealthTag = "Health";
    public const string IdentityTag = "Identity";
    public const string OrganisationsTag = "Organisations";
    public const string LedgerTag = "Ledger";
    public const string DocumentsTag = "Documents";
    public const string ExportsTag = "Exports";
    public const string PlatformAdminTag = "Platform admin";

    private static readonly Dictionary<string, string> Tags = new()
    {
        [HealthTag] = "Liveness and readiness, without authentication.",
        [IdentityTag] = "Who the caller is and which organisations they belong to.",
        [OrganisationsTag] = "Organisations (tenants) and their members' roles.",
        [DocumentsTag] = "Receipts and invoices: upload (idempotent, deduplicated, inspected), status, original bytes.",
        [ExportsTag] = "Files and reports for accountants and Skatteverket: SIE 4, the VAT return.",
        [PlatformAdminTag] = "Back-office work across organisations, for platform admins: audit chain verification, organisation recovery.",
        [LedgerTag] = "The books: verifications, compliance rules, fiscal years, periods, chart of accounts, audit trail.",
    };

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

    /// <summary>422 with every compliance rule's result.</summary>
    public static RouteHandlerBuilder ProducesComplianceProblem(this RouteHandlerBuilder route) =>
        route.Produces<Endpoints.Ledger.ComplianceProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json");

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
                    License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-CleanLedger" },
                };
                // Local runs serve the same paths on http://localhost:5080 (API_PORT).
                document.Servers = [new OpenApiServer { Url = "https://api.cleanledger.se", Description = "Production" }];
                document.Tags = new HashSet<OpenApiTag>(Tags.Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value }));
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
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if ((Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type) == typeof(Endpoints.Ledger.Kronor))
                {
                    schema.Type = JsonSchemaType.String | JsonSchemaType.Number;
                    schema.Pattern = "^-?[0-9]+([.][0-9]{1,2})?$";
                    schema.Description = "Kronor with at most two decimals, as a decimal string (\"1234.50\") or a number (1234.5).";
                }

                // AllowedValuesEnumConverter is opaque to the schema exporter: the values are the ones it
                // writes. A nullable enum's null is the generator's (oneOf null and this schema).
                if ((Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type) is { IsEnum: true } enumType)
                {
                    schema.Type = JsonSchemaType.String;
                    schema.Enum = Enum.GetValues(enumType).Cast<object>()
                        .Select(value => JsonSerializer.SerializeToNode(value, enumType, context.JsonTypeInfo.Options)!)
                        .ToList();
                }

                return Task.CompletedTask;
            });
        });
}
