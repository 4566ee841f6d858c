using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Ledger;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Organizations;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Organizations.Invitations.CreateInvitation;

/// <summary>An owner invites someone to the organisation in a role; the answer carries the one-time code, shown only this once.</summary>
public sealed record CreateInvitation(Guid OrgId, OrgRole Role, string? Email, string? Note) : ICommand<CreatedInvitation>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.InviteMembers;
}

public sealed class CreateInvitationValidator : AbstractValidator<CreateInvitation>
{
    public const int MaxEmailLength = 254;
    public const int MaxNoteLength = 200;

    public CreateInvitationValidator()
    {
        RuleFor(c => c.Role).IsInEnum();
        RuleFor(c => c.Email).EmailAddress().MaximumLength(MaxEmailLength).When(c => c.Email is not null);
        RuleFor(c => c.Note).MaximumLength(MaxNoteLength);
    }
}

public sealed class CreateInvitationHandler(IInvitationStore invitations, IAuditTrail audit, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<CreateInvitation, CreatedInvitation>
{
    public async ValueTask<CreatedInvitation> Handle(CreateInvitation command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var code = InvitationCode.New(command.OrgId);
        var invitation = new InvitationDetails(Guid.CreateVersion7(now), command.Role, command.Email, command.Note, user.UserId, now, now + InvitationCode.Lifetime);

        await invitations.InsertAsync(command.OrgId, invitation, code.Hash, cancellationToken);
        await audit.RecordAsync(
            command.OrgId,
            "invitation.created",
            $"invitation/{invitation.Id}",
            new { role = invitation.Role.Name(), invitation.Email, invitation.Note, invitation.ExpiresAt },
            cancellationToken);
        return new CreatedInvitation(invitation.Id, code.Value, invitation.Role, invitation.ExpiresAt);
    }
}
