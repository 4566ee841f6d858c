using CleanLedger.Admin.Hosting;
using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.GetOrganization;
using CleanLedger.Application.Organizations.ListMembers;
using CleanLedger.Domain.Access;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanLedger.Admin.Pages.Organizations;

[RequiresPlatformPermission(PlatformPermissions.ViewOrganizations)]
public sealed class DetailsModel(ISender sender) : PageModel
{
    public OrganizationDetails Organization { get; private set; } = null!;

    public IReadOnlyList<MemberDetails> Members { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid orgId, CancellationToken cancellationToken)
    {
        try
        {
            Organization = await sender.Send(new GetOrganization(orgId), cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        Members = await sender.Send(new ListMembers(orgId), cancellationToken);
        return Page();
    }
}
