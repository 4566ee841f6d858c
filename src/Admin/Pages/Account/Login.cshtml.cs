using CleanLedger.Admin.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CleanLedger.Admin.Pages.Account;

[EnableRateLimiting("credentials")]
public sealed class LoginModel(AdminSignIn signIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool LocalAdminAvailable => signIn.LocalAdminAvailable;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!signIn.LocalAdminAvailable)
            return Forbid();

        await signIn.SignInLocalAdminAsync(HttpContext);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/organizations");
    }
}
