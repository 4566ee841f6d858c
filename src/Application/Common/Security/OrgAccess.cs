using CleanLedger.Application.Common.Errors;
using CleanLedger.Domain.Access;

namespace CleanLedger.Application.Common.Security;

/// <summary>
/// Whether the caller may act in an organisation with a permission, and puts the scope into that
/// organisation. Not a member: 404, so another organisation's existence never leaks. Member
/// without the permission: 403. Platform admins act in any organisation (back-office support).
/// </summary>
public sealed class OrgAccess(ICurrentUser user, OrgContext orgContext, IMembershipReader memberships)
{
    public async Task DemandAsync(Guid orgId, Permissions permission, CancellationToken cancellationToken)
    {
        if (!user.IsAuthenticated)
            throw new UnauthenticatedException();

        orgContext.Enter(orgId);
        if (user.IsPlatformAdmin)
            return;

        var role = await memberships.FindRoleAsync(orgId, user.UserId, cancellationToken)
            ?? throw new NotFoundException("Organisation", orgId);
        if (!role.Grants(permission))
            throw new ForbiddenException($"The role '{role.ToString().ToLowerInvariant()}' does not allow {permission}.");
    }
}
