using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Ledger;
using CleanLedger.Domain.Access;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Organizations.SetMemberRole;

/// <summary>Adds a user to the organisation, or changes their role there.</summary>
public sealed record SetMemberRole(Guid OrgId, Guid UserId, OrgRole Role) : ICommand<MemberDetails>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ManageMembers;
}

public sealed class SetMemberRoleValidator : AbstractValidator<SetMemberRole>
{
    public SetMemberRoleValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Role).IsInEnum();
    }
}

public sealed class SetMemberRoleHandler(ICurrentUser user, IUserDirectory users, IOrganizationStore organizations, IAuditTrail audit, TimeProvider clock)
    : ICommandHandler<SetMemberRole, MemberDetails>
{
    public async ValueTask<MemberDetails> Handle(SetMemberRole command, CancellationToken cancellationToken)
    {
        // An organisation always keeps an owner: nobody demotes themselves out of ownership.
        if (command.UserId == user.UserId && command.Role != OrgRole.Owner && user.PlatformRole != PlatformRole.Admin)
            throw new ForbiddenException("Owners cannot change their own role; another owner must do it.");

        // Platform admins pass the membership check, so the organisation itself is checked here.
        _ = await organizations.FindAsync(command.OrgId, cancellationToken) ?? throw new NotFoundException("Organisation", command.OrgId);

        var now = clock.GetUtcNow();
        await users.EnsureAsync(command.UserId, displayName: null, now, cancellationToken);
        await organizations.SetMemberRoleAsync(command.OrgId, command.UserId, command.Role, now, cancellationToken);
        await audit.RecordAsync(command.OrgId, "member.role_set", $"member/{command.UserId}", new { role = command.Role.Name() }, cancellationToken);
        var members = await organizations.ListMembersAsync(command.OrgId, cancellationToken);
        return members.Single(m => m.UserId == command.UserId);
    }
}
