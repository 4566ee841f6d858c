using System.Security.Claims;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CleanLedger.Admin.Hosting;

/// <summary>
/// How an admin gets the admin cookie. In local/test/ci (Auth:StubUser) a button signs in as the
/// local platform admin; elsewhere sign-in goes through the OIDC broker, which is not wired yet.
/// </summary>
public sealed class AdminSignIn(IConfiguration configuration, IHostEnvironment environment)
{
    public bool LocalAdminAvailable =>
        environment.AllowsDevelopmentShortcuts() && configuration.GetValue<bool>($"{AuthOptions.Section}:{nameof(AuthOptions.StubUser)}");

    public Task SignInLocalAdminAsync(HttpContext context)
    {
        if (!LocalAdminAvailable)
            throw new InvalidOperationException("The local admin sign-in is only for local, test and ci.");

        var identity = new ClaimsIdentity(
            [
                new Claim(PrincipalMapping.SubjectClaim, StubUser.AdminId.ToString()),
                new Claim(PrincipalMapping.NameClaim, StubUser.AdminDisplayName),
                new Claim(PrincipalMapping.RoleClaim, PrincipalMapping.PlatformAdminRole),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme,
            PrincipalMapping.NameClaim,
            PrincipalMapping.RoleClaim);
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
}
