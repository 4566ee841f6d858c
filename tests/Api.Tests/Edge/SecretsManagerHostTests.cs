using CleanLedger.Api.Tests.Support;
using CleanLedger.Infrastructure.Hosting.Secrets;
using CleanLedger.Testing;

namespace CleanLedger.Api.Tests.Edge;

/// <summary>
/// The Api executable in production with <c>Secrets:Provider=aws</c> reads its secrets from the
/// loopback Secrets Manager before the start-up guards run, and does not start when it cannot.
/// </summary>
public sealed class SecretsManagerHostTests : IAsyncLifetime
{
    private const string SecretName = "cleanledger/production/api";
    private FakeSecretsManager _fake = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeSecretsManager.StartAsync();
        _fake.Put(SecretName, """{"Auth": {"Issuer": "https://api.cleanledger.test"}, "Database": {"ConnectionString": "Host=127.0.0.1;Port=1;Username=nobody;Password=from-secrets-manager"}, "Jobs": {"ConnectionString": "Host=127.0.0.1;Port=1;Username=cleanledger_jobs;Password=from-secrets-manager"}}""");
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Settings_from_Secrets_Manager_satisfy_the_start_up_guards()
    {
        // Auth:Issuer comes only from the secret; without it the guards would refuse first.
        var (exitCode, _, errors) = await ApiProcess.RunAsync("production", Production(FakeSecretsManager.SecretAccessKey), "dev-token", "--user", Guid.NewGuid().ToString());

        (exitCode, errors.Trim()).ShouldBe((2, "dev-token is refused in 'production': only local, test and ci sign tokens locally."));
        _fake.Served.ShouldBe(1);
    }

    [Fact]
    public async Task A_secret_that_cannot_be_read_stops_the_start_naming_it()
    {
        var (exitCode, _, errors) = await ApiProcess.RunAsync("production", Production("not-the-secret-access-key"), "dev-token", "--user", Guid.NewGuid().ToString());

        exitCode.ShouldNotBe(0);
        errors.ShouldContain($"cannot read its secrets from Secrets Manager at start-up: secret '{SecretName}'");
        errors.ShouldContain("InvalidSignatureException (HTTP 403)");
        errors.ShouldNotContain("dev-token is refused");
        errors.ShouldNotContain("not-the-secret-access-key");
        (_fake.Served, _fake.Refused).ShouldBe((0, 1));
    }

    private Dictionary<string, string?> Production(string secretAccessKey) => new(TestKeyRing.Settings())
    {
        ["Cors:AllowedOrigins:0"] = "https://app.cleanledger.test",
        ["Documents:Store"] = "s3",
        ["Documents:S3:Endpoint"] = "http://127.0.0.1:1",
        ["Secrets:Provider"] = SecretsOptions.AwsProvider,
        ["Secrets:Region"] = FakeSecretsManager.Region,
        ["Secrets:Endpoint"] = _fake.Endpoint.ToString(),
        ["Secrets:Names:0"] = SecretName,
        [AwsCredentials.AccessKeyIdVariable] = FakeSecretsManager.AccessKeyId,
        [AwsCredentials.SecretAccessKeyVariable] = secretAccessKey,
    };
}
