using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using Mediator;

namespace CleanLedger.Application.Ledger.Verifications.GetVerification;

public sealed record GetVerification(Guid OrgId, Guid VerificationId) : IQuery<VerificationDetails>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ViewBooks;
}

public sealed class GetVerificationHandler(IVerificationReader verifications) : IQueryHandler<GetVerification, VerificationDetails>
{
    public async ValueTask<VerificationDetails> Handle(GetVerification query, CancellationToken cancellationToken) =>
        await verifications.GetAsync(query.OrgId, query.VerificationId, cancellationToken)
        ?? throw new NotFoundException("Verification", query.VerificationId);
}
