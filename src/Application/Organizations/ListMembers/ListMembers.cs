using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using Mediator;

namespace CleanLedger.Application.Organizations.ListMembers;

public sealed record ListMembers(Guid OrgId) : IQuery<IReadOnlyList<MemberDetails>>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ViewBooks;
}

public sealed class ListMembersHandler(IOrganizationStore organizations) : IQueryHandler<ListMembers, IReadOnlyList<MemberDetails>>
{
    public async ValueTask<IReadOnlyList<MemberDetails>> Handle(ListMembers query, CancellationToken cancellationToken) =>
        await organizations.ListMembersAsync(query.OrgId, cancellationToken);
}
