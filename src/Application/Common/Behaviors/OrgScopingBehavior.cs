using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Common.Security;
using CleanLedger.Domain.Access;
using Mediator;

namespace CleanLedger.Application.Common.Behaviors;

/// <summary>
/// Puts an org-scoped message into its organisation and checks the caller's role there. Not a
/// member: 404, so another organisation's existence never leaks. Member without the permission:
/// 403. Platform admins act in any organisation (back-office support).
/// </summary>
public sealed class OrgScopingBehavior<TMessage, TResponse>(ICurrentUser user, OrgContext orgContext, IMembershipReader memberships)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IOrgScoped, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (!user.IsAuthenticated)
            throw new UnauthenticatedException();

        orgContext.Enter(message.OrgId);
        if (!user.IsPlatformAdmin)
        {
            var role = await memberships.FindRoleAsync(message.OrgId, user.UserId, cancellationToken)
                ?? throw new NotFoundException("Organisation", message.OrgId);
            if (!role.Grants(TMessage.RequiredPermission))
                throw new ForbiddenException($"The role '{role.ToString().ToLowerInvariant()}' does not allow {TMessage.RequiredPermission}.");
        }

        return await next(message, cancellationToken);
    }
}
