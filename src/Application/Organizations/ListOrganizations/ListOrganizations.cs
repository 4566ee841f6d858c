using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using Mediator;

namespace CleanLedger.Application.Organizations.ListOrganizations;

/// <summary>Every organisation on the platform, for back-office staff.</summary>
public sealed record ListOrganizations : IQuery<IReadOnlyList<OrganizationDetails>>, IPlatformScoped
{
    public static PlatformPermissions RequiredPermission => PlatformPermissions.ViewOrganizations;
}

public sealed class ListOrganizationsHandler(IOrganizationStore organizations)
    : IQueryHandler<ListOrganizations, IReadOnlyList<OrganizationDetails>>
{
    public async ValueTask<IReadOnlyList<OrganizationDetails>> Handle(ListOrganizations query, CancellationToken cancellationToken) =>
        await organizations.ListAllAsync(cancellationToken);
}
