using System.Text.Json;
using CleanLedger.Api.Endpoints;
using CleanLedger.Api.Endpoints.Ledger;
using CleanLedger.Api.Hosting;
using CleanLedger.Application.Common.Behaviors;
using CleanLedger.Application.Receipts;
using CleanLedger.Domain.Documents;
using CleanLedger.Infrastructure;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Infrastructure.Security;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

var command = args.FirstOrDefault();
var builder = CleanLedgerHost.CreateBuilder(command == DevTokenCommand.Name ? [] : args);

builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.GenerateTypesAsInternal = true;
    options.Assemblies = [typeof(OrgScopingBehavior<,>)];
});
builder.Services.AddApiAuthentication(builder.Configuration, builder.Environment);
builder.Services.AddEdgeProtection(builder.Configuration);
builder.Services.AddApiOpenApi();
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
    context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(options =>
{
    // The contract spells document statuses in snake case ("needs_review"); other enums are camelCase.
    // A value outside an enum is refused with the values it may take.
    options.SerializerOptions.Converters.Add(new AllowedValuesEnumConverter(JsonNamingPolicy.SnakeCaseLower, only: typeof(DocumentStatus)));
    options.SerializerOptions.Converters.Add(new AllowedValuesEnumConverter(JsonNamingPolicy.CamelCase));
    // A missing required field or a null where none is allowed is a 400, never a null deeper down.
    options.SerializerOptions.RespectRequiredConstructorParameters = true;
    options.SerializerOptions.RespectNullableAnnotations = true;
});
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.AddOpenTelemetry()
    .WithTracing(tracing => tracing.AddSource(LoggingBehavior<Mediator.IMessage, object>.ActivitySource.Name).AddAspNetCoreInstrumentation())
    .WithMetrics(metrics => metrics.AddMeter(EdgeProtection.MeterName, ReceiptMetrics.MeterName).AddAspNetCoreInstrumentation().AddPrometheusExporter());
builder.Services.AddMetricsAuthorization();

var app = builder.Build();
app.Services.MigrateDatabaseIfConfigured();
if (command == DevTokenCommand.Name)
    return await DevTokenCommand.RunAsync(app, args[1..]);

if (app.Configuration.GetValue<bool>("Auth:StubUser"))
    await app.Services.SeedDemoOrganizationAsync(CancellationToken.None);

app.UseConfiguredForwardedHeaders(app.Configuration);
app.UseExceptionHandler();
app.UseStatusCodePages();
if (!app.Environment.IsEnvironment(AppEnvironments.Local))
    app.UseHsts();
app.UseSecurityHeaders();
app.UseCors(EdgeProtection.CorsPolicy);
app.UseAuthentication();
app.UseCurrentUser();
app.UseRateLimiter();
app.UseAuthorization();

app.MapHealthEndpoints();
app.MapMetricsEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapWellKnownEndpoints();
if (app.Environment.IsEnvironment(AppEnvironments.Local))
    app.MapScalarApiReference();

var api = app.MapGroup("/api/v1").RequireAuthorization();
api.MapIdentityEndpoints();
api.MapAuthEndpoints();
api.MapOrganizationEndpoints();
api.MapVerificationEndpoints();
api.MapBooksSetupEndpoints();
api.MapDocumentEndpoints();
api.MapReviewEndpoints();
api.MapExportEndpoints();
api.MapPlatformAdminEndpoints();

await app.RunAsync();
return 0;
