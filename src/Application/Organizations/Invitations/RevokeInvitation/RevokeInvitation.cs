using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Ledger;
using CleanLedger.Domain.Access;
using Mediator;

namespace CleanLedger.Application.Organizations.Invitations.RevokeInvitation;

/// <summary>An owner withdraws a pending invitation; its code can no longer be redeemed.</summary>
public sealed record RevokeInvitation(Guid OrgId, Guid InvitationId) : ICommand<Unit>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.InviteMembers;
}

public sealed class RevokeInvitationHandler(IInvitationStore invitations, IAuditTrail audit, TimeProvider clock) : ICommandHandler<RevokeInvitation, Unit>
{
    public async ValueTask<Unit> Handle(RevokeInvitation command, CancellationToken cancellationToken)
    {
        if (!await invitations.RevokeAsync(command.OrgId, command.InvitationId, clock.GetUtcNow(), cancellationToken))
            throw new NotFoundException("Invitation", command.InvitationId);
        await audit.RecordAsync(command.OrgId, "invitation.revoked", $"invitation/{command.InvitationId}", new { }, cancellationToken);
        return Unit.Value;
    }
}
