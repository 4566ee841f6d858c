using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using Mediator;

namespace CleanLedger.Application.Organizations.Invitations.ListInvitations;

/// <summary>The organisation's invitations that can still be redeemed, oldest first.</summary>
public sealed record ListInvitations(Guid OrgId) : IQuery<IReadOnlyList<InvitationDetails>>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.InviteMembers;
}

public sealed class ListInvitationsHandler(IInvitationStore invitations, TimeProvider clock)
    : IQueryHandler<ListInvitations, IReadOnlyList<InvitationDetails>>
{
    public async ValueTask<IReadOnlyList<InvitationDetails>> Handle(ListInvitations query, CancellationToken cancellationToken) =>
        await invitations.ListPendingAsync(query.OrgId, clock.GetUtcNow(), cancellationToken);
}
