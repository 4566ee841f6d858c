using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Ledger;
using CleanLedger.Domain.Access;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Organizations.GrantOwner;

/// <summary>
/// Recovery of an organisation whose owner is gone: a platform admin makes one of its members an
/// owner. Never silently: the reason is mandatory and the organisation's audit chain records it
/// with the staff member who did it.
/// </summary>
public sealed record GrantOwner(Guid OrgId, Guid UserId, string Reason) : ICommand<MemberDetails>, IPlatformScoped
{
    public static PlatformPermissions RequiredPermission => PlatformPermissions.RecoverOrganizations;
}

public sealed class GrantOwnerValidator : AbstractValidator<GrantOwner>
{
    public const int MaxReasonLength = 500;

    public GrantOwnerValidator()
    {
        RuleFor(c => c.OrgId).NotEmpty();
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Reason).NotEmpty().Must(reason => !string.IsNullOrWhiteSpace(reason)).MaximumLength(MaxReasonLength);
    }
}

public sealed class GrantOwnerHandler(
    IOrganizationStore organizations, IMembershipReader memberships, IAuditTrail audit, ICurrentUser user, OrgContext orgContext, TimeProvider clock)
    : ICommandHandler<GrantOwner, MemberDetails>
{
    public async ValueTask<MemberDetails> Handle(GrantOwner command, CancellationToken cancellationToken)
    {
        // The grant and its audit row are written inside the organisation, as an owner's would be.
        orgContext.Enter(command.OrgId);
        _ = await organizations.FindAsync(command.OrgId, cancellationToken) ?? throw new NotFoundException("Organisation", command.OrgId);
        var previousRole = await memberships.FindRoleAsync(command.OrgId, command.UserId, cancellationToken)
            ?? throw new NotFoundException("Member", command.UserId);

        await organizations.SetMemberRoleAsync(command.OrgId, command.UserId, OrgRole.Owner, clock.GetUtcNow(), cancellationToken);
        await audit.RecordAsync(
            command.OrgId,
            "organization.owner_granted",
            $"member/{command.UserId}",
            new { reason = command.Reason.Trim(), previousRole = previousRole.Name(), staffId = user.UserId, staffName = user.DisplayName },
            cancellationToken);
        var members = await organizations.ListMembersAsync(command.OrgId, cancellationToken);
        return members.Single(member => member.UserId == command.UserId);
    }
}
