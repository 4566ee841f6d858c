using System.Security.Claims;
using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Staff.RecordStaffSignIn;
using CleanLedger.Domain.Access;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Security;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CleanLedger.Admin.Hosting;

/// <summary>The company's identity provider, where staff sign in (configured per environment; the secret from Secrets Manager).</summary>
public sealed class StaffIdentityProviderOptions
{
    public const string Section = "Admin:Oidc";

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Asked for besides openid; the provider answers the role claim for one of them.</summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>The UserInfo claim (a string or an array) naming the staff member's roles at the provider.</summary>
    public string RoleClaim { get; set; } = "roles";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);
}

/// <summary>
/// Staff sign-in over OpenID Connect: authorization code flow with PKCE, claims from UserInfo.
/// The platform role comes from the provider's role claim (docs/adr/0021); the session the Admin
/// keeps holds only our own claims, and each sign-in (or its refusal) is recorded in the platform
/// audit chain before the session starts.
/// </summary>
public static class StaffIdentityProvider
{
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;

    private const string EmailClaim = "email";
    private const string EmailVerifiedClaim = "email_verified";

    public static bool IsConfigured(IConfiguration configuration) =>
        configuration.GetSection(StaffIdentityProviderOptions.Section).Get<StaffIdentityProviderOptions>()?.IsConfigured == true;

    public static AuthenticationBuilder AddStaffIdentityProvider(this AuthenticationBuilder authentication, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = configuration.GetSection(StaffIdentityProviderOptions.Section).Get<StaffIdentityProviderOptions>() ?? new StaffIdentityProviderOptions();
        if (!provider.IsConfigured)
        {
            return environment.AllowsDevelopmentShortcuts()
                ? authentication
                : throw new InvalidOperationException($"{StaffIdentityProviderOptions.Section}:Authority must be set: staff sign in to the Admin through the company's identity provider.");
        }

        // As for the BankID broker: https, unless the provider runs on this machine, where no network
        // lies between the two.
        if (!Uri.TryCreate(provider.Authority, UriKind.Absolute, out var authority) || !(authority.Scheme == Uri.UriSchemeHttps || authority.IsLoopback))
            throw new InvalidOperationException($"{StaffIdentityProviderOptions.Section}:Authority must be an https address, or one on this machine.");

        return authentication.AddOpenIdConnect(Scheme, "Company account", options =>
        {
            options.Authority = provider.Authority;
            options.ClientId = provider.ClientId;
            options.ClientSecret = provider.ClientSecret;
            options.RequireHttpsMetadata = !authority.IsLoopback;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.UsePkce = true;
            options.GetClaimsFromUserInfoEndpoint = true;
            options.MapInboundClaims = false;
            options.SaveTokens = false;
            options.Scope.Clear();
            foreach (var scope in provider.Scopes.Prepend(OpenIdConnectScope.OpenId).Distinct())
                options.Scope.Add(scope);
            options.ClaimActions.MapJsonKey(provider.RoleClaim, provider.RoleClaim);
            options.ClaimActions.MapJsonKey(EmailVerifiedClaim, EmailVerifiedClaim);
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.Events.OnTicketReceived = context => StartSessionAsync(context, provider);
            options.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect("/account/login?failed=true");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    private static async Task StartSessionAsync(TicketReceivedContext context, StaffIdentityProviderOptions provider)
    {
        var external = context.Principal!;
        var subject = external.FindFirst(PrincipalMapping.SubjectClaim) ?? throw new InvalidOperationException("The identity provider answered no subject.");
        var email = bool.TryParse(external.FindFirst(EmailVerifiedClaim)?.Value, out var verified) && verified ? external.FindFirst(EmailClaim)?.Value : null;
        var role = PlatformRoleNames.StaffRoleNamed(external.FindAll(provider.RoleClaim).Select(claim => claim.Value));

        List<Claim> claims =
        [
            // The provider as issuer keeps the staff member's id stable and apart from anyone else's subject.
            new(PrincipalMapping.SubjectClaim, subject.Value, ClaimValueTypes.String, subject.Issuer),
            new(PrincipalMapping.NameClaim, external.FindFirst(PrincipalMapping.NameClaim)?.Value ?? email ?? subject.Value),
        ];
        if (role is { } granted)
            claims.Add(new Claim(PrincipalMapping.RoleClaim, granted.Name()));
        var session = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, PrincipalMapping.NameClaim, PrincipalMapping.RoleClaim));

        var services = context.HttpContext.RequestServices;
        services.GetRequiredService<CurrentUser>().SignIn(session);
        var staffRole = await services.GetRequiredService<ISender>().Send(new RecordStaffSignIn(subject.Issuer, email), context.HttpContext.RequestAborted);
        if (staffRole is null)
        {
            context.Response.Redirect("/account/denied");
            context.HandleResponse();
            return;
        }

        context.Principal = session;
    }
}
