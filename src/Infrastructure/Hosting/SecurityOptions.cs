namespace CleanLedger.Infrastructure.Hosting;

/// <summary>Section "Auth".</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>A request without credentials acts as the stub user (local/test/ci only).</summary>
    public bool StubUser { get; set; }

    /// <summary>The OIDC authority whose signing keys validate JWTs (staging/production).</summary>
    public string? Authority { get; set; }

    public string Audience { get; set; } = "cleanledger-api";

    /// <summary>The local development signing key for dev tokens (local/test/ci only).</summary>
    public string? DevSigningKey { get; set; }

    public string DevIssuer { get; set; } = "cleanledger-local";
}

/// <summary>Section "Cors".</summary>
public sealed class CorsOptions
{
    public const string Section = "Cors";

    /// <summary>Allowed browser origins; "*" allows any (local/test/ci only).</summary>
    public string[] AllowedOrigins { get; set; } = [];

    public bool AllowsAnyOrigin => AllowedOrigins.Contains("*");
}
