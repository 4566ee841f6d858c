using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace CleanLedger.Api.Hosting;

/// <summary>
/// JWT Bearer from the configured OIDC authority, or (local/test/ci) from the development key;
/// a request without an Authorization header is the stub user when Auth:StubUser is on.
/// </summary>
public static class Authentication
{
    private const string SelectingScheme = "Api";

    /// <summary>
    /// How far a token's expiry (and not-before) may be off the clock: enough for servers kept in
    /// time by NTP, not the library's default five minutes of life after a token has expired.
    /// </summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddApiAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.AddAuthentication(SelectingScheme)
            .AddPolicyScheme(SelectingScheme, null, options => options.ForwardDefaultSelector = context =>
                auth.StubUser && context.Request.Headers.Authorization.Count == 0
                    ? StubAuthenticationHandler.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.Audience = auth.Audience;
                if (!string.IsNullOrWhiteSpace(auth.Authority))
                {
                    options.Authority = auth.Authority;
                    options.TokenValidationParameters.ClockSkew = MaxClockSkew;
                    return;
                }

                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.DevIssuer,
                    ValidAudience = auth.Audience,
                    IssuerSigningKey = DevTokens.SigningKey(auth, environment) is { } key ? key : null,
                    NameClaimType = PrincipalMapping.NameClaim,
                    RoleClaimType = PrincipalMapping.RoleClaim,
                    ClockSkew = MaxClockSkew,
                };
            })
            .AddScheme<AuthenticationSchemeOptions, StubAuthenticationHandler>(StubAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        return services;
    }
}
