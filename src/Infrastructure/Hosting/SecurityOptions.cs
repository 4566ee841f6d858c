namespace CleanLedger.Infrastructure.Hosting;

/// <summary>Section "Auth".</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>A request without credentials acts as the stub user (local/test/ci only).</summary>
    public bool StubUser { get; set; }

    /// <summary>This Api as the issuer of its own access tokens (docs/adr/0019), e.g. https://api.cleanledger.se.</summary>
    public string? Issuer { get; set; }

    public string Audience { get; set; } = "cleanledger-api";

    /// <summary>A development signing key for dev tokens (local/test/ci only; tests set a random one). Never committed.</summary>
    public string? DevSigningKey { get; set; }

    /// <summary>Where the development signing key this machine generated on first run is kept, when <see cref="DevSigningKey"/> is not set (local).</summary>
    public string? DevSigningKeyFile { get; set; }

    public string DevIssuer { get; set; } = "cleanledger-local";
}

/// <summary>Section "Cors".</summary>
public sealed class CorsOptions
{
    public const string Section = "Cors";

    /// <summary>Allowed browser origins; "*" allows any (local/test/ci only).</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Also allows any origin on this machine (http or https, localhost, 127.0.0.0/8 or [::1], any
    /// port: a front end's dev server) and no other (local/test/ci only). A web page elsewhere
    /// cannot read the local Api's answers.
    /// </summary>
    public bool AllowLoopbackOrigins { get; set; }

    public bool AllowsAnyOrigin => AllowedOrigins.Contains("*");

    public bool Allows(string origin) =>
        AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase) || (AllowLoopbackOrigins && IsLoopback(origin));

    private static bool IsLoopback(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.IsLoopback;
}
