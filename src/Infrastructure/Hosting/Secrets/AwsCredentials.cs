using Microsoft.Extensions.Configuration;

namespace CleanLedger.Infrastructure.Hosting.Secrets;

/// <summary>
/// The standard AWS credential variables, read through configuration so that the environment
/// supplies them (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN for temporary ones).
/// </summary>
public sealed class AwsCredentials(string accessKeyId, string secretAccessKey, string? sessionToken)
{
    public const string AccessKeyIdVariable = "AWS_ACCESS_KEY_ID";
    public const string SecretAccessKeyVariable = "AWS_SECRET_ACCESS_KEY";
    public const string SessionTokenVariable = "AWS_SESSION_TOKEN";

    public string AccessKeyId { get; } = accessKeyId;

    public string SecretAccessKey { get; } = secretAccessKey;

    public string? SessionToken { get; } = sessionToken;

    public static AwsCredentials From(IConfiguration configuration)
    {
        var accessKeyId = configuration[AccessKeyIdVariable];
        var secretAccessKey = configuration[SecretAccessKeyVariable];
        if (string.IsNullOrWhiteSpace(accessKeyId) || string.IsNullOrWhiteSpace(secretAccessKey))
        {
            throw new InvalidOperationException(
                $"Secrets:Provider is '{SecretsOptions.AwsProvider}' but {AccessKeyIdVariable} and {SecretAccessKeyVariable} are not both set.");
        }

        var sessionToken = configuration[SessionTokenVariable];
        return new AwsCredentials(accessKeyId, secretAccessKey, string.IsNullOrWhiteSpace(sessionToken) ? null : sessionToken);
    }

    /// <summary>The key id only: credentials end up in exception messages and debugger views.</summary>
    public override string ToString() => AccessKeyId;
}
