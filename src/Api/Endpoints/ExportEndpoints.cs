using CleanLedger.Api.Hosting;
using CleanLedger.Application.Sie.ExportSie;
using CleanLedger.Application.Sie.ImportSie;
using CleanLedger.Application.Reports.FileVatReturn;
using CleanLedger.Application.Reports.GetVatReport;
using CleanLedger.Application.Reports.Pdfs;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanLedger.Api.Endpoints;

public static class ExportEndpoints
{
    /// <summary>A whole year of a busy company (a million transaction lines is about 35 MB).</summary>
    private const long MaxSieBytes = 256L * 1024 * 1024;

    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/orgs/{orgId:guid}/exports").WithTags(OpenApiConventions.ExportsTag)
            .MapGet("/sie", ExportSie)
            .WithName("ExportSie")
            .WithSummary("The fiscal year starting in 'year' as a SIE 4E file (codepage 437), for other Swedish bookkeeping programs.")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain")
            .ProducesValidationProblem()
            .WithOrgProblems();

        var imports = api.MapGroup("/orgs/{orgId:guid}/imports").WithTags(OpenApiConventions.ExportsTag);
        imports.MapPost("/sie", ImportSie).RequirePermissionBeforeBody<ImportSie>()
            .WithName("ImportSie")
            .WithSummary("Starts importing a SIE 4 file (multipart field 'file') as a background job: fiscal years, accounts, opening balances and verifications with their numbers, all at once or nothing. Follow the job at its Location.")
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery()
            .Produces<SieImportJob>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithOrgProblems();
        imports.MapGet("/{importId:guid}", GetImport)
            .WithName("GetImport")
            .WithSummary("An import's state (queued, running, succeeded, failed), progress, warnings, errors with their lines, and what it imported.")
            .WithOrgProblems();

        api.MapGet("/orgs/{orgId:guid}/vat-reports/{period}", GetVatReport)
            .WithTags(OpenApiConventions.ExportsTag)
            .WithName("GetVatReport")
            .WithSummary("The VAT return's boxes (whole kronor) for a period written as the organisation files: YYYY-MM, YYYY-Qn or YYYY; ?format=eskd gives Skatteverket's upload file, ?format=pdf a readable report.")
            .Produces(StatusCodes.Status200OK, contentType: "application/xml")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithOrgProblems();
        api.MapPost("/orgs/{orgId:guid}/vat-reports/{period}/file", FileVatReturn)
            .WithTags(OpenApiConventions.ExportsTag)
            .WithName("FileVatReturn")
            .WithSummary("Records the period's VAT return as filed; nothing more is posted into its months (PERIOD rule).")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithOrgProblems();
        return api;
    }

    private static async Task<Ok<VatReport>> FileVatReturn(Guid orgId, string period, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new FileVatReturn(orgId, period), cancellationToken));

    private static async Task<Accepted<SieImportJob>> ImportSie(Guid orgId, HttpRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var file = await MultipartUpload.ReceiveAsync(request, cancellationToken, MaxSieBytes);
        try
        {
            var job = await sender.Send(new ImportSie(orgId, file), cancellationToken);
            return TypedResults.Accepted($"/api/v1/orgs/{orgId}/imports/{job.Id}", job);
        }
        finally
        {
            File.Delete(file.Path);
        }
    }

    private static async Task<Ok<SieImportJob>> GetImport(Guid orgId, Guid importId, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetSieImport(orgId, importId), cancellationToken));

    private static async Task<Results<Ok<VatReport>, FileContentHttpResult>> GetVatReport(
        Guid orgId, string period, string? format, ISender sender, CancellationToken cancellationToken)
    {
        if (format == "pdf")
            return TypedResults.File(await sender.Send(new GetVatReportPdf(orgId, period), cancellationToken), "application/pdf", $"moms_{period}.pdf");

        var report = await sender.Send(new GetVatReport(orgId, period), cancellationToken);
        return format switch
        {
            null or "json" => TypedResults.Ok(report),
            "eskd" => TypedResults.File(EskdFile.Create(report, report.OrgNumber), "application/xml; charset=ISO-8859-1", $"moms_{report.Period}.xml"),
            _ => throw new BadHttpRequestException($"Unknown format '{format}': use eskd or pdf, or leave it out for JSON."),
        };
    }

    private static async Task<PushStreamHttpResult> ExportSie(Guid orgId, int year, ISender sender, CancellationToken cancellationToken)
    {
        var export = await sender.Send(new ExportSie(orgId, year), cancellationToken);
        return TypedResults.Stream(output => export.WriteAsync(output, cancellationToken), "text/plain; charset=IBM437", export.FileName);
    }
}
