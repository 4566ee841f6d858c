using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using Mediator;

namespace CleanLedger.Application.Organizations.GetOrganization;

public sealed record GetOrganization(Guid OrgId) : IQuery<OrganizationDetails>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ViewBooks;
}

public sealed class GetOrganizationHandler(IOrganizationStore organizations) : IQueryHandler<GetOrganization, OrganizationDetails>
{
    public async ValueTask<OrganizationDetails> Handle(GetOrganization query, CancellationToken cancellationToken) =>
        await organizations.FindAsync(query.OrgId, cancellationToken)
        ?? throw new NotFoundException("Organisation", query.OrgId);
}
