using System.Security.Claims;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CleanLedger.Admin.Hosting;

/// <summary>
/// The local shortcut to the admin cookie: in local/test/ci (Auth:StubUser) a button signs in as the
/// local platform admin. Everywhere else staff sign in at the company's identity provider
/// (<see cref="StaffIdentityProvider"/>).
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
