using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Ledger;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Organizations;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Organizations.Invitations.RedeemInvitation;

/// <summary>
/// A signed-in person redeems an invitation's code and becomes a member in the invited role. A
/// caller who is already a member conflicts (and the code stays unused); otherwise a code that
/// matches nothing is not found (and names no organisation), and one that is expired, used or
/// revoked is gone.
/// </summary>
public sealed record RedeemInvitation(string Code) : ICommand<RedeemedInvitation>, IUserScoped;

public sealed class RedeemInvitationValidator : AbstractValidator<RedeemInvitation>
{
    public RedeemInvitationValidator() => RuleFor(c => c.Code).NotEmpty().MaximumLength(200);
}

public sealed class RedeemInvitationHandler(
    IInvitationStore invitations,
    IMembershipReader memberships,
    IUserDirectory users,
    IOrganizationStore organizations,
    IAuditTrail audit,
    ICurrentUser user,
    OrgContext orgContext,
    TimeProvider clock)
    : ICommandHandler<RedeemInvitation, RedeemedInvitation>
{
    public async ValueTask<RedeemedInvitation> Handle(RedeemInvitation command, CancellationToken cancellationToken)
    {
        var code = InvitationCode.Parse(command.Code) ?? throw NotFound();
        // Everything from here acts inside the organisation the code names, and RLS binds it there.
        orgContext.Enter(code.OrgId);
        var now = clock.GetUtcNow();

        // A member is told so whatever the code's state, and the code stays unused for its invitee.
        if (await memberships.FindRoleAsync(code.OrgId, user.UserId, cancellationToken) is not null)
            throw new ConflictException("invitation.already_member", "You are already a member of this organisation.");

        var invitation = await invitations.RedeemAsync(code.OrgId, code.Hash, user.UserId, now, cancellationToken);
        if (invitation is null)
        {
            if (await invitations.ExistsAsync(code.OrgId, code.Hash, cancellationToken))
                throw new GoneException("This invitation has expired, been used or been revoked; ask for a new one.");
            throw NotFound();
        }

        await users.EnsureAsync(user.UserId, user.DisplayName, now, cancellationToken);
        await organizations.SetMemberRoleAsync(code.OrgId, user.UserId, invitation.Role, now, cancellationToken);
        await audit.RecordAsync(code.OrgId, "invitation.redeemed", $"invitation/{invitation.Id}", new { role = invitation.Role.Name(), memberId = user.UserId }, cancellationToken);
        return new RedeemedInvitation(code.OrgId, invitation.Role);
    }

    private static NotFoundException NotFound() => new("Invitation", "with this code");
}
