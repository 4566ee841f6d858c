using System.Security.Cryptography.X509Certificates;
using CleanLedger.Application.Identity.Tokens;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Persistence.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Infrastructure.Security.Tokens;

public static class TokenSetup
{
    /// <summary>The Data Protection application name: every host (Api and Admin) shares one key ring.</summary>
    private const string DataProtectionApplication = "CleanLedger";

    /// <summary>Our tokens, their keys, and the Data Protection key ring that encrypts those keys.</summary>
    public static IServiceCollection AddOwnTokens(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.Section);
        var tokens = configuration.GetSection(TokenOptions.Section).Get<TokenOptions>() ?? new TokenOptions();
        services.AddSingleton(tokens.Lifetimes);
        services.AddSingleton(tokens.RotationPolicy(TokenOptions.MaxClockSkew));
        services.AddSingleton(tokens.Lockout);

        var dataProtection = services.AddDataProtection().SetApplicationName(DataProtectionApplication);
        if (string.IsNullOrWhiteSpace(tokens.KeyRingPath))
            dataProtection.UseEphemeralDataProtectionProvider();
        else
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(tokens.KeyRingPath));
        if (!string.IsNullOrWhiteSpace(tokens.KeyRingCertificatePath))
            dataProtection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(tokens.KeyRingCertificatePath, tokens.KeyRingCertificatePassword));

        services.AddSingleton<PublishedSigningKeys>();
        services.AddScoped<SigningKeyRing>();
        services.AddScoped<ISigningKeyRing>(provider => provider.GetRequiredService<SigningKeyRing>());
        services.AddScoped<IAccessTokenIssuer, JwtAccessTokenIssuer>();
        services.AddScoped<IRefreshTokenStore, RefreshTokenStore>();
        services.AddScoped<TokenSessions>();
        return services;
    }
}
