using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Ledger;
using CleanLedger.Domain.Access;
using CleanLedger.Application.Common.Validation;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Documents.RecordRejectedUpload;

/// <summary>
/// Writes the audit event for an upload the host refused before it could become a command (it
/// was larger than the cap while streaming). Nothing of the file is kept.
/// </summary>
public sealed record RecordRejectedUpload(Guid OrgId, string FileName, string Code, string Reason) : ICommand<Unit>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.UploadDocuments;
}

public sealed class RecordRejectedUploadValidator : AbstractValidator<RecordRejectedUpload>
{
    public RecordRejectedUploadValidator()
    {
        RuleFor(c => c.FileName).MaximumLength(255).PlainText();
        RuleFor(c => c.Code).NotEmpty().MaximumLength(64);
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(500);
    }
}

public sealed class RecordRejectedUploadHandler(IAuditTrail audit) : ICommandHandler<RecordRejectedUpload, Unit>
{
    public async ValueTask<Unit> Handle(RecordRejectedUpload command, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(command.OrgId, "document.rejected", "upload/streamed",
            new { command.FileName, Reason = command.Code, Message = command.Reason }, cancellationToken);
        return Unit.Value;
    }
}
