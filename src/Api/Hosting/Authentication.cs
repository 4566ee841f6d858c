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

    public static IServiceCollection AddApiAuthentication(this IServiceCollection services, IConfiguration configuration)
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
                    return;
                }

                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.DevIssuer,
                    ValidAudience = auth.Audience,
                    IssuerSigningKey = string.IsNullOrWhiteSpace(auth.DevSigningKey) ? null : DevTokens.SigningKey(auth),
                    NameClaimType = PrincipalMapping.NameClaim,
                    RoleClaimType = PrincipalMapping.RoleClaim,
                };
            })
            .AddScheme<AuthenticationSchemeOptions, StubAuthenticationHandler>(StubAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        return services;
    }
}
