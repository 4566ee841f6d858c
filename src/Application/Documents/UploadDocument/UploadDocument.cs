using System.Text.Json;
using CleanLedger.Application.Common;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Ledger;
using CleanLedger.Application.Receipts;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Documents;
using CleanLedger.Application.Common.Validation;
using CleanLedger.Application.Documents.CheckUpload;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Documents.UploadDocument;

/// <summary>
/// Accepts a receipt or invoice once: the same key replays the first answer, the same bytes in
/// the same organisation return the existing document, anything dangerous is refused with a
/// reason and nothing stored. Accepted bytes are stored write-once before the row commits. The
/// file was scanned and inspected by <see cref="CheckUpload.CheckUpload"/> first, outside this
/// write transaction; this command records what that found.
/// </summary>
/// <remarks>
/// A refusal is an answer, not a failure: it is returned (and the host turns it into a 4xx) so
/// that its audit event and its idempotency record commit with the command.
/// </remarks>
public sealed record UploadDocument(Guid OrgId, IncomingFile File, string? IdempotencyKey, CheckedUpload Checked) : ICommand<UploadedDocument>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.UploadDocuments;
}

public sealed record UploadedDocument(Guid Id, DocumentStatus Status, string Sha256, Guid? DuplicateOf, UploadRefusal? Refusal = null)
{
    public static UploadedDocument Refused(string sha256, UploadRefusal refusal) => new(Guid.Empty, DocumentStatus.Rejected, sha256, null, refusal);
}

public sealed record UploadRefusal(UploadRejection Rejection, string Code, string Reason);

/// <summary>An upload's name and hash as the host streamed it to disk.</summary>
public sealed class IncomingFileValidator : AbstractValidator<IncomingFile>
{
    public IncomingFileValidator()
    {
        RuleFor(file => file.FileName).NotEmpty().MaximumLength(255).PlainText();
        RuleFor(file => file.Sha256).Matches("^[0-9a-f]{64}$");
    }
}

public sealed class UploadDocumentValidator : AbstractValidator<UploadDocument>
{
    public UploadDocumentValidator()
    {
        RuleFor(c => c.File).SetValidator(new IncomingFileValidator());
        RuleFor(c => c.IdempotencyKey).MaximumLength(255).Matches("^[\\x21-\\x7e]+$").When(c => c.IdempotencyKey is not null)
            .WithMessage("An Idempotency-Key is 1 to 255 visible ASCII characters.");
    }
}

public sealed class UploadDocumentHandler(
    ICurrentUser user,
    IIdempotencyStore idempotency,
    IDocumentRepository documents,
    IDocumentStore store,
    IFiscalYearStore fiscalYears,
    IAuditTrail audit,
    IReceiptJobs receiptJobs,
    TimeProvider clock) : ICommandHandler<UploadDocument, UploadedDocument>
{
    public async ValueTask<UploadedDocument> Handle(UploadDocument command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var fingerprint = $"{command.File.Sha256}/{command.File.FileName}";
        if (command.IdempotencyKey is { } key
            && await idempotency.ClaimAsync(command.OrgId, user.UserId, key, fingerprint, now, cancellationToken) is { } earlier)
        {
            if (earlier.Fingerprint != fingerprint)
                throw new DomainException("idempotency.key_reused", "This Idempotency-Key was used for another upload; use a new key for new content.");
            return JsonSerializer.Deserialize<UploadedDocument>(earlier.Response!)!;
        }

        var uploaded = await AcceptAsync(command, now, cancellationToken);
        if (command.IdempotencyKey is { } usedKey)
            await idempotency.CompleteAsync(command.OrgId, user.UserId, usedKey, JsonSerializer.Serialize(uploaded), cancellationToken);
        return uploaded;
    }

    private async Task<UploadedDocument> AcceptAsync(UploadDocument command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await DuplicateAsync(command, cancellationToken) is { } duplicate)
            return duplicate;

        if (command.Checked is not { Scan: { } scan, Inspected: { } inspected })
        {
            var refusal = command.Checked.Refusal ?? throw new InvalidOperationException("An upload that was not checked cannot be accepted.");
            await audit.RecordAsync(command.OrgId, "document.rejected", $"upload/{command.File.Sha256}",
                new { command.File.FileName, command.File.Size, Reason = refusal.Code, Message = refusal.Reason }, cancellationToken);
            return UploadedDocument.Refused(command.File.Sha256, refusal);
        }

        var storageKey = await store.PutAsync(command.File, await RetainUntilAsync(command.OrgId, cancellationToken), cancellationToken);
        var document = new DocumentRecord(
            Guid.CreateVersion7(now), DocumentStatus.Received, command.File.Sha256, command.File.FileName, inspected.ContentType,
            command.File.Size, storageKey, scan, now, user.UserId);
        if (!await documents.InsertAsync(command.OrgId, document, inspected, cancellationToken))
            return await DuplicateAsync(command, cancellationToken) ?? throw new InvalidOperationException("A concurrent upload of these bytes vanished.");

        await audit.RecordAsync(command.OrgId, "document.uploaded", $"document/{document.Id}",
            new { document.FileName, document.ContentType, document.Size, document.Sha256, Scan = scan.ToString() }, cancellationToken);
        receiptJobs.EnqueueAfterCommit(command.OrgId, document.Id);
        return new UploadedDocument(document.Id, document.Status, document.Sha256, DuplicateOf: null);
    }

    private async Task<UploadedDocument?> DuplicateAsync(UploadDocument command, CancellationToken cancellationToken)
    {
        if (await documents.FindByHashAsync(command.OrgId, command.File.Sha256, cancellationToken) is not { } existing)
            return null;
        await audit.RecordAsync(command.OrgId, "document.deduplicated", $"document/{existing.Id}", new { command.File.FileName }, cancellationToken);
        return new UploadedDocument(existing.Id, existing.Status, existing.Sha256, DuplicateOf: existing.Id);
    }

    // Until the receipt is read its date is unknown: keep it for the fiscal year it arrived in.
    private async Task<DateOnly> RetainUntilAsync(Guid orgId, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var years = await fiscalYears.ListAsync(orgId, cancellationToken);
        var end = years.FirstOrDefault(year => year.Contains(today))?.End ?? new DateOnly(today.Year, 12, 31);
        return Retention.KeepUntil(end);
    }
}
