using System.Globalization;
using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Documents;
using CleanLedger.Application.Identity.BankId;
using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Sie.ImportSie;
using CleanLedger.Domain.Common;
using CleanLedger.Infrastructure.Documents;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Domain.Ledger.Compliance;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CleanLedger.Api.Hosting;

/// <summary>The one place where exceptions become RFC 9457 problem details.</summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException validation => new ValidationProblemDetails(
                validation.Errors
                    .GroupBy(error => JsonFieldName(error.PropertyName))
                    .ToDictionary(group => group.Key, group => group.Select(error => error.ErrorMessage).ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid.",
            },
            BadHttpRequestException badRequest => Unreadable(badRequest),
            NotFoundException notFound => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found.", Detail = notFound.Message },
            GoneException gone => new ProblemDetails { Status = StatusCodes.Status410Gone, Title = "No longer available.", Detail = gone.Message },
            ConflictException conflict => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The request conflicts with the books.",
                Detail = conflict.Message,
                Extensions = { ["code"] = conflict.Code },
            },
            SieFormatException sie => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The SIE file was refused.",
                Detail = sie.Message,
                Extensions = { ["code"] = "sie.invalid", ["line"] = sie.Line, ["record"] = sie.Record },
            },
            ForbiddenException forbidden => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden.", Detail = forbidden.Message },
            UnauthenticatedException unauthenticated => new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Unauthorized.", Detail = unauthenticated.Message },
            UploadRejectedException rejected => new ProblemDetails
            {
                Status = rejected.Rejection switch
                {
                    UploadRejection.TooLarge => StatusCodes.Status413PayloadTooLarge,
                    UploadRejection.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
                    _ => StatusCodes.Status422UnprocessableEntity,
                },
                Title = "The upload was refused.",
                Detail = rejected.Message,
                Extensions = { ["code"] = rejected.Code },
            },
            ScannerUnavailableException unavailable => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Uploads are paused: the virus scanner is unavailable.",
                Detail = "Nothing was stored. Try again shortly.",
            },
            DocumentWorkBusyException busy => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The server is busy with other documents.",
                Detail = $"Nothing was stored or changed. Try again in {RetryAfterSeconds(busy)} s.",
                Extensions = { ["code"] = "documents.busy" },
            },
            BankIdNotConfiguredException notConfigured => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "BankID sign-in is not offered here.",
                Detail = notConfigured.Message,
            },
            BrokerUnavailableException => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The BankID broker cannot be reached.",
                Detail = "Nothing was started. Try again shortly.",
            },
            ComplianceException compliance => new Endpoints.Ledger.ComplianceProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The verification breaks a blocking compliance rule.",
                Detail = string.Join(", ", compliance.Results.Where(result => result.Blocks).Select(result => result.Code)),
                Extensions = { ["code"] = ComplianceException.Code },
                ComplianceResults = ComplianceResult.From(compliance.Results),
            },
            _ when ConstraintViolation.Of(exception) is { } refusal => Refused(httpContext, exception, refusal),
            DomainException domain => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The request breaks a bookkeeping rule.",
                Detail = domain.Message,
                Extensions = { ["code"] = domain.Code },
            },
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (exception is DocumentWorkBusyException refused)
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds(refused).ToString(CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    // A unique key is expected after a race; every refusal is also what an unchecked input would
    // look like, so each is kept in the log.
    private ProblemDetails Refused(HttpContext httpContext, Exception exception, ConstraintKind refusal)
    {
        logger.LogWarning(exception, "A {Constraint} constraint refused a write on {Method} {Path}", refusal, httpContext.Request.Method, httpContext.Request.Path);
        return refusal switch
        {
            ConstraintKind.Unique => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The request conflicts with the books.",
                Detail = "Another request changed the same records at the same moment; nothing of this one was saved. Reload and try again.",
                Extensions = { ["code"] = "conflict.concurrent_change" },
            },
            ConstraintKind.Reference => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The request conflicts with the books.",
                Detail = "A record the request refers to is not there; nothing of it was saved.",
                Extensions = { ["code"] = "conflict.missing_reference" },
            },
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The request holds a value the books cannot store.",
                Detail = "A value is too long, out of range or not storable text; nothing was saved.",
                Extensions = { ["code"] = "input.not_storable" },
            },
        };
    }

    // Unreadable JSON names the field it failed at (System.Text.Json's path, "$.lines[0].vatCode").
    private static ProblemDetails Unreadable(BadHttpRequestException badRequest)
    {
        var problem = new ProblemDetails
        {
            Status = badRequest.StatusCode,
            Title = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request could not be read.",
            Detail = badRequest.InnerException?.Message ?? badRequest.Message,
        };
        if (badRequest.InnerException is System.Text.Json.JsonException { Path: { Length: > 0 } path })
            problem.Extensions["field"] = path;
        return problem;
    }

    private static int RetryAfterSeconds(DocumentWorkBusyException busy) => (int)Math.Ceiling(busy.RetryAfter.TotalSeconds);

    private static string JsonFieldName(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
