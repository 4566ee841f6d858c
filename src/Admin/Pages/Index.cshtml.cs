using CleanLedger.Admin.Hosting;
using CleanLedger.Domain.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanLedger.Admin.Pages;

[RequiresPlatformPermission(PlatformPermissions.ViewOrganizations)]
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Organizations/Index");
}
