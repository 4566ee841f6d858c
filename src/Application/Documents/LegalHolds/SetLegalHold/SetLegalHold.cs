using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Common.Validation;
using CleanLedger.Application.Ledger;
using CleanLedger.Domain.Access;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Documents.LegalHolds.SetLegalHold;

/// <summary>
/// Places or lifts a legal hold on a document: while it is on, the stored file is kept even past
/// the seven years of BFL 7 kap. 2 §, as a tax audit (SFL 41 kap.) or a dispute may require.
/// Never silently: the reason is mandatory and the organisation's audit chain records each change.
/// </summary>
public sealed record SetLegalHold(Guid OrgId, Guid DocumentId, bool OnHold, string Reason) : ICommand<LegalHold>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.PlaceLegalHolds;
}

public sealed class SetLegalHoldValidator : AbstractValidator<SetLegalHold>
{
    public const int MaxReasonLength = 500;

    public SetLegalHoldValidator()
    {
        RuleFor(c => c.DocumentId).NotEmpty();
        RuleFor(c => c.Reason).NotEmpty().Must(reason => !string.IsNullOrWhiteSpace(reason)).MaximumLength(MaxReasonLength).PlainText();
    }
}

public sealed class SetLegalHoldHandler(
    IDocumentRepository documents, IDocumentLegalHold store, ILegalHoldRegister holds, IAuditTrail audit, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<SetLegalHold, LegalHold>
{
    public async ValueTask<LegalHold> Handle(SetLegalHold command, CancellationToken cancellationToken)
    {
        var document = await documents.FindAsync(command.OrgId, command.DocumentId, cancellationToken)
            ?? throw new NotFoundException("Document", command.DocumentId);

        // The store first: if it refuses, nothing is recorded. If the record then fails, the store
        // holds a file the books do not say is held, which errs on keeping it; the same request
        // again puts the two in step.
        await store.SetAsync(document.StorageKey, command.OnHold, cancellationToken);
        var hold = new LegalHold(document.Id, command.OnHold, command.Reason.Trim(), clock.GetUtcNow(), user.UserId);
        await holds.SetAsync(command.OrgId, hold, cancellationToken);
        await audit.RecordAsync(
            command.OrgId,
            command.OnHold ? "document.legal_hold_placed" : "document.legal_hold_lifted",
            $"document/{document.Id}",
            new { reason = hold.Reason, document.Sha256 },
            cancellationToken);
        // As stored (the database keeps instants to the microsecond), so this answer and a later read agree.
        return (await holds.FindAsync(command.OrgId, document.Id, cancellationToken))!;
    }
}
