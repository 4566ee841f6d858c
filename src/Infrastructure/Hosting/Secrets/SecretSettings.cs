using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace CleanLedger.Infrastructure.Hosting.Secrets;

/// <summary>
/// The settings that hold secrets. Outside local/test/ci they come from Secrets Manager or the
/// environment: a configuration file is checked in, copied into images and read by anyone with
/// the deployment, so one holding a secret is refused even when another source overrides it.
/// </summary>
public static partial class SecretSettings
{
    public static readonly IReadOnlyList<string> Names =
    [
        "Auth:ClientSecret",
        "Auth:BankId:ClientSecret",
        "Auth:PersonnummerHmacKey",
        "Auth:SigningKey",
        "Admin:Oidc:ClientSecret",
        "DataProtection:CertificatePassword",
        "Documents:S3:SecretKey",
        "Fortnox:ClientSecret",
        "OpenRouter:ApiKey",
        AwsCredentials.SecretAccessKeyVariable,
        AwsCredentials.SessionTokenVariable,
    ];

    /// <summary>Connection strings are settings too; only one carrying a password is a secret.</summary>
    public static readonly IReadOnlyList<string> ConnectionStrings =
    [
        "Database:ConnectionString",
        "Database:MigrationConnectionString",
        "Jobs:ConnectionString",
    ];

    /// <summary>One refusal for each secret that a configuration file (appsettings*.json) holds.</summary>
    public static IEnumerable<string> InConfigurationFiles(IConfiguration configuration)
    {
        var files = (configuration as IConfigurationRoot)?.Providers.OfType<FileConfigurationProvider>() ?? [];
        foreach (var file in files)
        {
            foreach (var name in Names)
            {
                if (file.TryGet(name, out var value) && !string.IsNullOrEmpty(value))
                    yield return Refusal(name, file);
            }

            foreach (var name in ConnectionStrings)
            {
                if (file.TryGet(name, out var value) && value is not null && PasswordKeyword().IsMatch(value))
                    yield return Refusal($"{name} (its password)", file);
            }
        }
    }

    private static string Refusal(string setting, FileConfigurationProvider file) =>
        $"{setting} is set in {file.Source.Path}: secrets come from Secrets Manager (Secrets:Provider=aws) or the environment, never a configuration file.";

    /// <summary>Npgsql's keyword and its aliases.</summary>
    [GeneratedRegex(@"(^|;)\s*(password|pwd|psw)\s*=\s*[^;\s]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordKeyword();
}
