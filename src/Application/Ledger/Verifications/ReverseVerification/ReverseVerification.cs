using CleanLedger.Application.Common;
using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Common;
using CleanLedger.Application.Common.Validation;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Ledger.Verifications.ReverseVerification;

/// <summary>
/// Corrects a posted verification the only way the law allows: a new verification, dated when
/// the correction is made (or a given date), that reverses every line and names the original.
/// The original is never altered.
/// </summary>
public sealed record ReverseVerification(Guid OrgId, Guid VerificationId, DateOnly? Date = null) : ICommand<PostedVerification>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ReverseVerifications;
}

public sealed class ReverseVerificationValidator : AbstractValidator<ReverseVerification>
{
    public ReverseVerificationValidator() => RuleFor(c => c.Date).WithinBookkeepingDates();
}

public sealed class ReverseVerificationHandler(ILedgerStore ledger, VerificationPosting posting, TimeProvider clock)
    : ICommandHandler<ReverseVerification, PostedVerification>
{
    public async ValueTask<PostedVerification> Handle(ReverseVerification command, CancellationToken cancellationToken)
    {
        var original = await ledger.FindAsync(command.OrgId, command.VerificationId, cancellationToken)
            ?? throw new NotFoundException("Verification", command.VerificationId);
        if (original.Reverses is not null)
            throw new DomainException("verification.is_reversal", $"{original.Series}{original.Number} is itself a correction; post a new verification instead.");
        if (await ledger.FindReversalOfAsync(command.OrgId, original.Id, cancellationToken) is { } reversal)
            throw new DomainException("verification.already_reversed", $"{original.Series}{original.Number} is already reversed by verification {reversal}.");

        return await posting.PostAsync(command.OrgId, original.Reversal(command.Date ?? clock.Today(), original.Series), cancellationToken);
    }
}
