using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Ledger.Verifications.PrecheckVerification;

/// <summary>Every rule's verdict on a proposed verification, without posting it.</summary>
public sealed record PrecheckVerification(Guid OrgId, VerificationInput Verification) : IQuery<IReadOnlyList<ComplianceResult>>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.PostVerifications;
}

public sealed class PrecheckVerificationValidator : AbstractValidator<PrecheckVerification>
{
    public PrecheckVerificationValidator() => RuleFor(c => c.Verification).NotNull().SetValidator(new VerificationInputValidator());
}

public sealed class PrecheckVerificationHandler(VerificationPosting posting) : IQueryHandler<PrecheckVerification, IReadOnlyList<ComplianceResult>>
{
    public async ValueTask<IReadOnlyList<ComplianceResult>> Handle(PrecheckVerification query, CancellationToken cancellationToken) =>
        ComplianceResult.From(await posting.CheckAsync(query.OrgId, VerificationPosting.ToDraft(query.Verification), cancellationToken));
}
