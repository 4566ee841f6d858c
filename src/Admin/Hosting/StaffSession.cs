using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CleanLedger.Admin.Hosting;

/// <summary>How long an Admin session lasts: it slides while used, but never outlives its hard limit from sign-in.</summary>
public sealed class StaffSessionOptions
{
    public const string Section = "Admin:Session";

    /// <summary>Unused this long, the session ends (each request slides it on).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>This long after signing in, the session ends however busy it is: a working day.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(8);
}

/// <summary>
/// The Admin's cookie session. Sliding expiry alone would let a stolen or forgotten cookie live
/// for as long as it is used; the sign-in time travels in the cookie and every request checks it
/// against the hard limit.
/// </summary>
public static class StaffSession
{
    public const string SignedInAtClaim = "signed_in_at";

    public static AuthenticationBuilder AddStaffSession(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var session = configuration.GetSection(StaffSessionOptions.Section).Get<StaffSessionOptions>() ?? new StaffSessionOptions();
        return authentication.AddCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.Cookie.Name = "cleanledger.admin";
            options.Cookie.HttpOnly = true;
            // Lax, not Strict: the browser comes back from the staff identity provider by a
            // cross-site redirect and must arrive signed in. Every form carries an antiforgery token.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = session.IdleTimeout;
            options.SlidingExpiration = true;
            // A signed-in member of staff without the page's permission gets a plain 403, not a redirect.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            options.Events.OnSigningIn = context =>
            {
                var now = Clock(context.Options).GetUtcNow();
                if (context.Principal?.Identity is ClaimsIdentity identity && identity.FindFirst(SignedInAtClaim) is null)
                    identity.AddClaim(new Claim(SignedInAtClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
                return Task.CompletedTask;
            };
            options.Events.OnValidatePrincipal = async context =>
            {
                if (SignedInAt(context.Principal) is { } signedInAt && Clock(context.Options).GetUtcNow() - signedInAt < session.AbsoluteLifetime)
                    return;

                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            };
        });
    }

    private static TimeProvider Clock(CookieAuthenticationOptions options) => options.TimeProvider ?? TimeProvider.System;

    private static DateTimeOffset? SignedInAt(ClaimsPrincipal? principal) =>
        long.TryParse(principal?.FindFirst(SignedInAtClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
