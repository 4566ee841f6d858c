using CleanLedger.Application.Common.Messaging;
using Mediator;

namespace CleanLedger.Application.Organizations.ListOrganizations;

/// <summary>Every organisation on the platform, for the back-office admin.</summary>
public sealed record ListOrganizations : IQuery<IReadOnlyList<OrganizationDetails>>, IPlatformAdminScoped;

public sealed class ListOrganizationsHandler(IOrganizationStore organizations)
    : IQueryHandler<ListOrganizations, IReadOnlyList<OrganizationDetails>>
{
    public async ValueTask<IReadOnlyList<OrganizationDetails>> Handle(ListOrganizations query, CancellationToken cancellationToken) =>
        await organizations.ListAllAsync(cancellationToken);
}
