using CleanLedger.Application.Common;
using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Documents;
using CleanLedger.Application.Ledger;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Documents;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Sie.ImportSie;

/// <summary>
/// Takes another program's books in (SIE 4E or 4I) as a background job: the file is stored
/// write-once, the import recorded as queued, and the job runs once that has committed
/// (<see cref="SieImportRunner"/>). The caller follows it with <see cref="GetSieImport"/>.
/// </summary>
public sealed record ImportSie(Guid OrgId, IncomingFile File) : ICommand<SieImportJob>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ImportBooks;
}

public sealed class ImportSieValidator : AbstractValidator<ImportSie>
{
    public ImportSieValidator()
    {
        RuleFor(c => c.File.FileName).NotEmpty().MaximumLength(255);
        RuleFor(c => c.File.Sha256).Matches("^[0-9a-f]{64}$");
    }
}

public sealed class ImportSieHandler(ISieImportStore imports, IDocumentStore store, ISieImportJobs jobs, IAuditTrail audit, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<ImportSie, SieImportJob>
{
    public async ValueTask<SieImportJob> Handle(ImportSie command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        // The source of imported books is kept like any bookkeeping material, and any job server can read it.
        var storageKey = await store.PutAsync(command.File, Retention.KeepUntil(new DateOnly(clock.Today().Year, 12, 31)), cancellationToken);
        await imports.InsertAsync(command.OrgId, id, command.File.FileName, storageKey, command.File.Sha256, command.File.Size, user.UserId, now, cancellationToken);
        await audit.RecordAsync(command.OrgId, "books.import_queued", $"sie-import/{id}",
            new { command.File.FileName, command.File.Size, command.File.Sha256 }, cancellationToken);
        jobs.EnqueueAfterCommit(command.OrgId, id);
        return await imports.FindAsync(command.OrgId, id, cancellationToken) ?? throw new InvalidOperationException("The import just recorded is missing.");
    }
}

/// <summary>An import's state, progress and outcome; another organisation's import is not found.</summary>
public sealed record GetSieImport(Guid OrgId, Guid ImportId) : IQuery<SieImportJob>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ImportBooks;
}

public sealed class GetSieImportHandler(ISieImportStore imports) : IQueryHandler<GetSieImport, SieImportJob>
{
    public async ValueTask<SieImportJob> Handle(GetSieImport query, CancellationToken cancellationToken) =>
        await imports.FindAsync(query.OrgId, query.ImportId, cancellationToken) ?? throw new NotFoundException("Import", query.ImportId);
}
