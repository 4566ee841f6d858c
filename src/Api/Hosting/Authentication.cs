using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Security;
using CleanLedger.Infrastructure.Security.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace CleanLedger.Api.Hosting;

/// <summary>
/// JWT Bearer: our own access tokens (issuer Auth:Issuer, ES256, keys from our published key set,
/// docs/adr/0019) and, in local/test/ci only, tokens signed with the development key. Each issuer
/// is checked with its own keys only. A request without an Authorization header is the stub user
/// when Auth:StubUser is on.
/// </summary>
public static class Authentication
{
    private const string SelectingScheme = "Api";

    /// <inheritdoc cref="TokenOptions.MaxClockSkew"/>
    public static readonly TimeSpan MaxClockSkew = TokenOptions.MaxClockSkew;

    public static IServiceCollection AddApiAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var devKey = DevTokens.SigningKey(auth, environment);
        services.AddAuthentication(SelectingScheme)
            .AddPolicyScheme(SelectingScheme, null, options => options.ForwardDefaultSelector = context =>
                auth.StubUser && context.Request.Headers.Authorization.Count == 0
                    ? StubAuthenticationHandler.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, StubAuthenticationHandler>(StubAuthenticationHandler.SchemeName, null);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<PublishedSigningKeys>((options, published) =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuers = new[] { auth.Issuer, devKey is null ? null : auth.DevIssuer }.OfType<string>().Where(issuer => issuer.Length > 0).ToList(),
                ValidAudience = auth.Audience,
                ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.HmacSha256],
                IssuerSigningKeyResolver = (_, token, kid, _) => KeysOf(token.Issuer, kid),
                TryAllIssuerSigningKeys = false,
                NameClaimType = PrincipalMapping.NameClaim,
                RoleClaimType = PrincipalMapping.RoleClaim,
                ClockSkew = MaxClockSkew,
            };
            // The resolver is synchronous: the published keys are brought up to date before it runs,
            // for requests that bring a token (a health probe without one never reads them).
            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = context => context.Request.Headers.Authorization.Count == 0
                    ? Task.CompletedTask
                    : published.RefreshIfStaleAsync(context.HttpContext.RequestAborted),
            };

            // Our issuer's tokens by our published keys (by kid, never a retired one); the development
            // issuer's by the development key only. No key of one issuer checks the other's tokens.
            IEnumerable<SecurityKey> KeysOf(string issuer, string? kid)
            {
                if (!string.IsNullOrEmpty(auth.Issuer) && issuer == auth.Issuer)
                    return published.Keys.Where(key => key.Kid == kid);
                return devKey is not null && issuer == auth.DevIssuer ? [devKey] : [];
            }
        });
        services.AddAuthorization();
        return services;
    }
}
