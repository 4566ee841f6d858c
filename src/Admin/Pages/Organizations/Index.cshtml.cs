using CleanLedger.Admin.Hosting;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.ListOrganizations;
using CleanLedger.Domain.Access;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanLedger.Admin.Pages.Organizations;

[RequiresPlatformPermission(PlatformPermissions.ViewOrganizations)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<OrganizationDetails> Organizations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Organizations = await sender.Send(new ListOrganizations(), cancellationToken);
}
