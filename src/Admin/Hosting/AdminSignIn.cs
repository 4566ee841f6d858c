using System.Security.Claims;
using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Staff.RecordStaffSignIn;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Security;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CleanLedger.Admin.Hosting;

/// <summary>
/// The local shortcut to the admin cookie: in local/test/ci (Auth:StubUser) a button signs in as the
/// local platform admin. Everywhere else staff sign in at the company's identity provider
/// (<see cref="StaffIdentityProvider"/>). Either way the sign-in is in the platform audit chain.
/// </summary>
public sealed class AdminSignIn(IConfiguration configuration, IHostEnvironment environment, CurrentUser user, ISender sender)
{
    /// <summary>What the platform chain names as the identity provider of a local sign-in.</summary>
    public const string LocalIdentityProvider = "local";

    public bool LocalAdminAvailable =>
        environment.AllowsDevelopmentShortcuts() && configuration.GetValue<bool>($"{AuthOptions.Section}:{nameof(AuthOptions.StubUser)}");

    public async Task SignInLocalAdminAsync(HttpContext context)
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
        var principal = new ClaimsPrincipal(identity);
        user.SignIn(principal);
        await sender.Send(new RecordStaffSignIn(LocalIdentityProvider, Email: null), context.RequestAborted);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
}
