using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Documents.UploadDocument;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Documents;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Documents.CheckUpload;

/// <summary>
/// Scans and inspects an upload on local disk before it is accepted: malware first, then type,
/// size, shape and structure. A read, so that no write transaction waits on clamd, qpdf or a
/// document-work slot: on SQLite a write transaction is the file's one write lock, which every
/// organisation's writes share. <see cref="UploadDocument.UploadDocument"/> then takes the result.
/// </summary>
public sealed record CheckUpload(Guid OrgId, IncomingFile File) : IQuery<CheckedUpload>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.UploadDocuments;
}

/// <summary>What the checks found: the scan and the inspection, or (both null) the refusal with its reason.</summary>
public sealed record CheckedUpload(ScanResult? Scan, InspectedFile? Inspected, UploadRefusal? Refusal);

public sealed class CheckUploadValidator : AbstractValidator<CheckUpload>
{
    public CheckUploadValidator() => RuleFor(c => c.File).SetValidator(new IncomingFileValidator());
}

public sealed class CheckUploadHandler(IVirusScanner scanner, IDocumentInspector inspector) : IQueryHandler<CheckUpload, CheckedUpload>
{
    public async ValueTask<CheckedUpload> Handle(CheckUpload query, CancellationToken cancellationToken)
    {
        try
        {
            // Malware first: whatever else the file is, that is what the answer must say.
            var scan = await scanner.ScanAsync(query.File, cancellationToken);
            return new CheckedUpload(scan, await inspector.InspectAsync(query.File, cancellationToken), null);
        }
        catch (UploadRejectedException rejected)
        {
            return new CheckedUpload(null, null, new UploadRefusal(rejected.Rejection, rejected.Code, rejected.Message));
        }
    }
}
