using Microsoft.Extensions.Configuration;

namespace CleanLedger.Infrastructure.Security.Identity;

/// <summary>
/// Section "Auth:BankId": the OpenID Connect broker that signs people in with BankID (docs/adr/0022).
/// Sign-in is offered when the authority, client, client secret, callback and
/// <see cref="PersonnummerHmacKeySetting"/> are all set.
/// </summary>
public sealed class BankIdOptions
{
    public const string Section = "Auth:BankId";

    /// <summary>The secret key of the personnummer's HMAC: base64 of at least <see cref="MinHmacKeyBytes"/> bytes. Changing it loses every person's account.</summary>
    public const string PersonnummerHmacKeySetting = "Auth:PersonnummerHmacKey";

    public const int MinHmacKeyBytes = 32;

    /// <summary>
    /// The cookie that binds a sign-in to the browser that started it: HttpOnly, Secure, host-only
    /// (the __Host- prefix makes browsers refuse it otherwise), SameSite=Lax so the broker's
    /// redirect back carries it.
    /// </summary>
    public const string BindingCookie = Hosting.EdgeProtection.SignInClientCookie;

    /// <summary>The broker's issuer, e.g. https://example.signicat.com/auth/open; its discovery document is read from there.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string Scopes { get; set; } = "openid profile nin";

    /// <summary>What to ask the broker for; the first value is the assurance a sign-in must come back with (Signicat's Swedish BankID).</summary>
    public string AcrValues { get; set; } = "idp:sbid";

    /// <summary>Where the broker sends the person back: our web app's page that hands code and state to the callback route, or that route itself.</summary>
    public string? CallbackUri { get; set; }

    /// <summary>The UserInfo claim holding the personnummer (Signicat: nin).</summary>
    public string PersonnummerClaim { get; set; } = "nin";

    public string NameClaim { get; set; } = "name";

    /// <summary>How long one call to the broker may take before the sign-in is refused as the broker unavailable.</summary>
    public TimeSpan BrokerTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public string RequiredAcr => AcrValues.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

    public bool IsComplete(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret)
        && !string.IsNullOrWhiteSpace(CallbackUri) && RequiredAcr.Length > 0 && PersonnummerHmacKey(configuration) is not null;

    /// <summary>The HMAC key, or null when none is set; a key that is set but not base64 of 32 bytes or more stops the host.</summary>
    public static byte[]? PersonnummerHmacKey(IConfiguration configuration)
    {
        var text = configuration[PersonnummerHmacKeySetting];
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var key = new byte[text.Length];
        return Convert.TryFromBase64String(text, key, out var length) && length >= MinHmacKeyBytes
            ? key[..length]
            : throw new InvalidOperationException($"{PersonnummerHmacKeySetting} must be base64 of at least {MinHmacKeyBytes} random bytes.");
    }

    /// <summary>
    /// Outside local/test/ci: a broker authority without the rest of its settings (sign-in would be
    /// off without a word), or a broker or callback without https (on this machine only, plain http
    /// leaves nothing to overhear).
    /// </summary>
    public static IEnumerable<string> Violations(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<BankIdOptions>() ?? new BankIdOptions();
        (string Name, string? Value)[] required =
        [
            ($"{Section}:{nameof(Authority)}", options.Authority),
            ($"{Section}:{nameof(ClientId)}", options.ClientId),
            ($"{Section}:{nameof(ClientSecret)}", options.ClientSecret),
            ($"{Section}:{nameof(CallbackUri)}", options.CallbackUri),
            (PersonnummerHmacKeySetting, configuration[PersonnummerHmacKeySetting]),
        ];
        // The authority turns sign-in on; a secret alone (e.g. a shared secret store) does not.
        var missing = required.Where(setting => string.IsNullOrWhiteSpace(setting.Value)).Select(setting => setting.Name).ToList();
        if (!string.IsNullOrWhiteSpace(options.Authority) && missing.Count > 0)
            yield return $"{string.Join(", ", missing)} must be set: BankID sign-in is configured only in part.";
        (string Name, string? Value)[] addresses = [required[0], required[3]];
        foreach (var (name, value) in addresses)
        {
            if (!string.IsNullOrWhiteSpace(value) && (!Uri.TryCreate(value, UriKind.Absolute, out var address) || !(address.Scheme == Uri.UriSchemeHttps || address.IsLoopback)))
                yield return $"{name} must be an https address: the sign-in's code and tokens travel there.";
        }
    }
}
