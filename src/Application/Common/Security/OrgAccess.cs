using CleanLedger.Application.Common.Errors;
using CleanLedger.Domain.Access;

namespace CleanLedger.Application.Common.Security;

/// <summary>
/// Whether the caller may act in an organisation with a permission, and puts the scope into that
/// organisation. Not a member: 404, so another organisation's existence never leaks. Member
/// without the permission: 403. A platform role (staff, automation) acts in any organisation
/// with what that role grants there, and only that; its membership is not consulted.
/// </summary>
public sealed class OrgAccess(ICurrentUser user, OrgContext orgContext, IMembershipReader memberships)
{
    public async Task DemandAsync(Guid orgId, Permissions permission, CancellationToken cancellationToken)
    {
        if (!user.IsAuthenticated)
            throw new UnauthenticatedException();

        orgContext.Enter(orgId);
        if (user.PlatformRole is { } platformRole)
        {
            if (!platformRole.GrantsInOrganizations(permission))
                throw new ForbiddenException($"The platform role '{platformRole.Name()}' does not allow {permission} in an organisation.");
            return;
        }

        var role = await memberships.FindRoleAsync(orgId, user.UserId, cancellationToken)
            ?? throw new NotFoundException("Organisation", orgId);
        if (!role.Grants(permission))
            throw new ForbiddenException($"The role '{role.Name()}' does not allow {permission}.");
    }
}
