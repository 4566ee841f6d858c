using Microsoft.Extensions.Configuration;

namespace CleanLedger.Infrastructure.Hosting.Secrets;

/// <summary>
/// Section "Secrets": where staging and production read their secrets. Off unless
/// <c>Provider</c> is "aws"; local, test and ci keep theirs in their own settings.
/// </summary>
public sealed class SecretsOptions
{
    public const string Section = "Secrets";
    public const string AwsProvider = "aws";

    /// <summary>Rotation is a Secrets Manager schedule measured in days; five minutes bounds how long an old value lives on.</summary>
    public static readonly TimeSpan DefaultReloadInterval = TimeSpan.FromMinutes(5);

    /// <summary>"aws" (Secrets Manager) or empty (none).</summary>
    public string Provider { get; set; } = "";

    public string Region { get; set; } = "";

    /// <summary>Overrides https://secretsmanager.{Region}.amazonaws.com/ (a VPC endpoint, a loopback fake).</summary>
    public string? Endpoint { get; set; }

    /// <summary>The secrets' names or ARNs, each a JSON object of settings.</summary>
    public string[] Names { get; set; } = [];

    public TimeSpan ReloadInterval { get; set; } = DefaultReloadInterval;

    public bool UsesAws => string.Equals(Provider, AwsProvider, StringComparison.OrdinalIgnoreCase);

    public Uri EndpointUri => new(string.IsNullOrWhiteSpace(Endpoint) ? $"https://secretsmanager.{Region}.amazonaws.com/" : Endpoint);

    public static SecretsOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<SecretsOptions>() ?? new SecretsOptions();

    public IEnumerable<string> Violations()
    {
        if (!UsesAws && !string.IsNullOrWhiteSpace(Provider))
            yield return $"Secrets:Provider '{Provider}' is unknown: use '{AwsProvider}' or leave it empty.";
        if (!UsesAws)
            yield break;
        if (string.IsNullOrWhiteSpace(Region))
            yield return "Secrets:Region is not set.";
        if (Names.Length == 0 || Names.Any(string.IsNullOrWhiteSpace))
            yield return "Secrets:Names must list the secrets to read, none empty.";
        if (ReloadInterval <= TimeSpan.Zero)
            yield return $"Secrets:ReloadInterval is {ReloadInterval}; it must be positive.";
        if (!string.IsNullOrWhiteSpace(Endpoint) && !Uri.TryCreate(Endpoint, UriKind.Absolute, out _))
            yield return "Secrets:Endpoint is not an absolute URL.";
    }
}
