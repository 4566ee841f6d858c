using CleanLedger.Api.Hosting;
using CleanLedger.Application.Ledger;
using CleanLedger.Application.Ledger.Accounts;
using CleanLedger.Application.Ledger.Accounts.AddAccount;
using CleanLedger.Application.Ledger.Accounts.DeactivateAccount;
using CleanLedger.Application.Ledger.Accounts.ListAccounts;
using CleanLedger.Application.Ledger.Audit.ListAuditEvents;
using CleanLedger.Application.Ledger.FiscalYears.CreateFiscalYear;
using CleanLedger.Application.Ledger.FiscalYears.ListFiscalYears;
using CleanLedger.Application.Ledger.Periods.LockPeriod;
using CleanLedger.Domain.Ledger;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanLedger.Api.Endpoints.Ledger;

/// <summary>What frames the books: fiscal years, period locks, the chart of accounts, and the audit trail.</summary>
public static class BooksSetupEndpoints
{
    public static IEndpointRouteBuilder MapBooksSetupEndpoints(this IEndpointRouteBuilder api)
    {
        var org = api.MapGroup("/orgs/{orgId:guid}").WithTags(OpenApiConventions.LedgerTag);

        org.MapPost("/periods/{period}/lock", LockPeriod)
            .WithName("LockPeriod")
            .WithSummary("Locks a month (yyyy-mm); the PERIOD rule then blocks posting into it.")
            .ProducesValidationProblem()
            .WithOrgProblems();

        org.MapGet("/fiscal-years", ListFiscalYears).WithName("ListFiscalYears").WithSummary("The organisation's fiscal years.").WithOrgProblems();
        org.MapPost("/fiscal-years", CreateFiscalYear)
            .WithName("CreateFiscalYear")
            .WithSummary("Opens a fiscal year of whole months (1–18), overlapping no other.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithOrgProblems();

        org.MapGet("/accounts", ListAccounts).WithName("ListAccounts").WithSummary("The chart of accounts (BAS).").WithOrgProblems();
        org.MapPost("/accounts", AddAccount)
            .WithName("AddAccount")
            .WithSummary("Adds an account to the chart.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithOrgProblems();
        org.MapPost("/accounts/{number}/deactivate", DeactivateAccount)
            .WithName("DeactivateAccount")
            .WithSummary("Takes an account out of use; accounts are never deleted.")
            .ProducesValidationProblem()
            .WithOrgProblems();

        org.MapGet("/audit-events", ListAuditEvents)
            .WithName("ListAuditEvents")
            .WithSummary("The behandlingshistorik: who did what to the books, newest first.")
            .ProducesValidationProblem()
            .WithOrgProblems();
        return api;
    }

    private static async Task<Ok<PeriodLocked>> LockPeriod(Guid orgId, string period, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new LockPeriod(orgId, period), cancellationToken));

    private static async Task<Ok<IReadOnlyList<FiscalYearDetails>>> ListFiscalYears(Guid orgId, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListFiscalYears(orgId), cancellationToken));

    private static async Task<Created<FiscalYearDetails>> CreateFiscalYear(
        Guid orgId, CreateFiscalYearRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var year = await sender.Send(new CreateFiscalYear(orgId, request.Start, request.End), cancellationToken);
        return TypedResults.Created($"/api/v1/orgs/{orgId}/fiscal-years", year);
    }

    private static async Task<Ok<IReadOnlyList<AccountDetails>>> ListAccounts(Guid orgId, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListAccounts(orgId), cancellationToken));

    private static async Task<Created<AccountDetails>> AddAccount(Guid orgId, AddAccountRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var account = await sender.Send(
            new AddAccount(orgId, request.Number, request.Name, request.Type, request.DefaultVatCode ?? VatCode.None, request.SruCode), cancellationToken);
        return TypedResults.Created($"/api/v1/orgs/{orgId}/accounts", account);
    }

    private static async Task<NoContent> DeactivateAccount(Guid orgId, string number, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new DeactivateAccount(orgId, number), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<AuditEvent>>> ListAuditEvents(Guid orgId, int? limit, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListAuditEvents(orgId, limit ?? 100), cancellationToken));
}

public sealed record CreateFiscalYearRequest(DateOnly Start, DateOnly End);

public sealed record AddAccountRequest(string Number, string Name, AccountType Type, VatCode? DefaultVatCode, string? SruCode);
