using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Ledger.Verifications.PostVerification;

/// <summary>
/// Posts a manual verification. A blocking rule refuses it with every rule's result (422);
/// warnings come back with the number.
/// </summary>
public sealed record PostVerification(Guid OrgId, VerificationInput Verification) : ICommand<PostedVerification>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.PostVerifications;
}

public sealed class PostVerificationValidator : AbstractValidator<PostVerification>
{
    public PostVerificationValidator() => RuleFor(c => c.Verification).NotNull().SetValidator(new VerificationInputValidator());
}

public sealed class PostVerificationHandler(VerificationPosting posting) : ICommandHandler<PostVerification, PostedVerification>
{
    public async ValueTask<PostedVerification> Handle(PostVerification command, CancellationToken cancellationToken) =>
        await posting.PostAsync(command.OrgId, VerificationPosting.ToDraft(command.Verification), cancellationToken);
}
