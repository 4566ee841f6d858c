using CleanLedger.Admin.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CleanLedger.Admin.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting("credentials")]
public sealed class LoginModel(AdminSignIn signIn, IConfiguration configuration) : PageModel
{
    private const string Home = "/organizations";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The way back from the identity provider failed (cancelled, refused, expired); the page says so.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Failed { get; set; }

    public bool LocalAdminAvailable => signIn.LocalAdminAvailable;

    public bool StaffIdentityProviderAvailable => StaffIdentityProvider.IsConfigured(configuration);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!signIn.LocalAdminAvailable)
            return Forbid();

        await signIn.SignInLocalAdminAsync(HttpContext);
        return LocalRedirect(SafeReturnUrl);
    }

    /// <summary>Off to the company's identity provider; it sends the browser back to /signin-oidc.</summary>
    public IActionResult OnPostStaff() =>
        StaffIdentityProviderAvailable
            ? Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl }, StaffIdentityProvider.Scheme)
            : NotFound();

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Home;
}
