using CleanLedger.Admin.Hosting;
using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.GetOrganization;
using CleanLedger.Application.Organizations.GrantOwner;
using CleanLedger.Application.Organizations.ListMembers;
using CleanLedger.Domain.Access;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanLedger.Admin.Pages.Organizations;

/// <summary>Recovery: makes a member an owner, with the reason the audit chain records (Razor Pages checks the antiforgery token).</summary>
[RequiresPlatformPermission(PlatformPermissions.RecoverOrganizations)]
public sealed class RecoverModel(ISender sender) : PageModel
{
    public OrganizationDetails Organization { get; private set; } = null!;

    public IReadOnlyList<MemberDetails> Members { get; private set; } = [];

    [BindProperty]
    public Guid? UserId { get; set; }

    [BindProperty]
    public string Reason { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid orgId, CancellationToken cancellationToken) =>
        await LoadAsync(orgId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid orgId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(orgId, cancellationToken))
            return NotFound();
        if (UserId is not { } userId)
        {
            ModelState.AddModelError(nameof(UserId), "Choose one of the organisation's members.");
            return Page();
        }

        try
        {
            await sender.Send(new GrantOwner(orgId, userId, Reason), cancellationToken);
        }
        catch (FluentValidation.ValidationException invalid)
        {
            foreach (var error in invalid.Errors)
                ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            return Page();
        }
        catch (NotFoundException)
        {
            ModelState.AddModelError(nameof(UserId), "Choose one of the organisation's members.");
            return Page();
        }

        return Redirect($"/organizations/{orgId}");
    }

    private async Task<bool> LoadAsync(Guid orgId, CancellationToken cancellationToken)
    {
        try
        {
            Organization = await sender.Send(new GetOrganization(orgId), cancellationToken);
        }
        catch (NotFoundException)
        {
            return false;
        }

        Members = await sender.Send(new ListMembers(orgId), cancellationToken);
        return true;
    }
}
