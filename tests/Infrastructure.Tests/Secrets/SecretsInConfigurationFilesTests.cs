using System.Text.Json;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Hosting.Secrets;
using CleanLedger.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace CleanLedger.Infrastructure.Tests.Secrets;

/// <summary>
/// Staging and production refuse to start with a secret in a configuration file, naming the
/// setting and the file, and accept the same value from Secrets Manager or the environment.
/// </summary>
public sealed class SecretsInConfigurationFilesTests : IDisposable
{
    private const string ProductionFile = "appsettings.production.json";

    /// <summary>Everything else staging and production require, so that only secrets can be refused.</summary>
    private static readonly Dictionary<string, string?> SafeProductionFile = new()
    {
        ["Auth:Issuer"] = "https://api.cleanledger.se",
        ["Auth:Tokens:KeyRingPath"] = "/var/lib/cleanledger/key-ring",
        ["Auth:Tokens:KeyRingCertificatePath"] = "/run/secrets/key-ring.pfx",
        ["Database:Provider"] = "Postgres",
        ["Database:ConnectionString"] = "Host=db;Username=cleanledger_app",
        ["Jobs:ConnectionString"] = "Host=db;Username=cleanledger_jobs",
        ["Cors:AllowedOrigins:0"] = "https://app.cleanledger.se",
        ["Documents:Store"] = "s3",
        ["Documents:S3:Endpoint"] = "https://s3.eu-north-1.example.se",
    };

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cleanledger-settings-");

    public static TheoryData<string> SecretNames => [.. SecretSettings.Names];

    [Theory]
    [MemberData(nameof(SecretNames))]
    public void Each_secret_in_a_configuration_file_is_refused_by_name(string secret)
    {
        var configuration = Configuration(new Dictionary<string, string?>(SafeProductionFile) { [secret] = "a-secret-value" });

        var refusal = Should.Throw<InvalidOperationException>(() => StartupGuards.EnsureSafe(Host(AppEnvironments.Production), configuration));

        refusal.Message.ShouldContain($"{secret} is set in {ProductionFile}: secrets come from Secrets Manager (Secrets:Provider=aws) or the environment");
        refusal.Message.ShouldNotContain("a-secret-value");
        StartupGuards.Violations(Host(AppEnvironments.Production), configuration).ShouldHaveSingleItem();
    }

    [Theory]
    [MemberData(nameof(SecretNames))]
    public void Each_secret_from_the_environment_is_accepted(string secret)
    {
        var configuration = Configuration(SafeProductionFile, environment: new() { [secret] = "a-secret-value" });

        StartupGuards.Violations(Host(AppEnvironments.Staging), configuration).ShouldBeEmpty();
    }

    [Fact]
    public void A_secret_in_a_file_is_refused_even_when_the_environment_overrides_it()
    {
        var configuration = Configuration(
            new Dictionary<string, string?>(SafeProductionFile) { ["Auth:ClientSecret"] = "checked-in" },
            environment: new() { ["Auth:ClientSecret"] = "from-the-environment" });

        StartupGuards.Violations(Host(AppEnvironments.Staging), configuration).ShouldHaveSingleItem().ShouldContain("Auth:ClientSecret is set in");
    }

    [Fact]
    public void An_empty_placeholder_in_a_file_is_no_secret()
    {
        var configuration = Configuration(new Dictionary<string, string?>(SafeProductionFile) { ["Auth:ClientSecret"] = "" });

        StartupGuards.Violations(Host(AppEnvironments.Production), configuration).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Database:ConnectionString", "Host=db;Username=cleanledger_app;Password=hunter2")]
    [InlineData("Database:ConnectionString", "Host=db; pwd = hunter2 ;Username=cleanledger_app")]
    [InlineData("Database:MigrationConnectionString", "PASSWORD=hunter2;Host=db;Username=cleanledger_owner")]
    public void A_connection_string_with_a_password_in_a_file_is_refused(string setting, string connectionString)
    {
        var configuration = Configuration(new Dictionary<string, string?>(SafeProductionFile) { [setting] = connectionString });

        var violation = StartupGuards.Violations(Host(AppEnvironments.Production), configuration).ShouldHaveSingleItem();

        violation.ShouldContain($"{setting} (its password) is set in {ProductionFile}");
        violation.ShouldNotContain("hunter2");
    }

    [Fact]
    public void A_connection_string_with_its_password_from_the_environment_is_accepted()
    {
        var configuration = Configuration(SafeProductionFile, environment: new() { ["Database:ConnectionString"] = "Host=db;Username=cleanledger_app;Password=hunter2" });

        StartupGuards.Violations(Host(AppEnvironments.Production), configuration).ShouldBeEmpty();
    }

    [Fact]
    public async Task Secrets_read_from_Secrets_Manager_are_accepted()
    {
        await using var fake = await FakeSecretsManager.StartAsync();
        fake.Put("cleanledger/production/api", """{"Auth": {"ClientSecret": "broker-secret", "PersonnummerHmacKey": "hmac-key"}, "Database": {"ConnectionString": "Host=db;Password=hunter2"}}""");
        var options = new SecretsOptions
        {
            Provider = SecretsOptions.AwsProvider,
            Region = FakeSecretsManager.Region,
            Endpoint = fake.Endpoint.ToString(),
            Names = ["cleanledger/production/api"],
        };
        var credentials = new AwsCredentials(FakeSecretsManager.AccessKeyId, FakeSecretsManager.SecretAccessKey, sessionToken: null);
        var builder = FileBuilder(SafeProductionFile);
        builder.Add(new SecretsManagerConfigurationSource(options, credentials, TimeProvider.System));
        using var configuration = (ConfigurationRoot)builder.Build();

        configuration["Auth:PersonnummerHmacKey"].ShouldBe("hmac-key");
        StartupGuards.Violations(Host(AppEnvironments.Production), configuration).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(AppEnvironments.Local)]
    [InlineData(AppEnvironments.Test)]
    [InlineData(AppEnvironments.Ci)]
    public void Local_test_and_ci_may_keep_their_settings_in_files(string environment)
    {
        var configuration = Configuration(new Dictionary<string, string?> { ["Auth:ClientSecret"] = "a-local-secret", ["Database:ConnectionString"] = "Host=localhost;Password=postgres" });

        StartupGuards.Violations(Host(environment), configuration).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("src/Api", AppEnvironments.Staging)]
    [InlineData("src/Api", AppEnvironments.Production)]
    [InlineData("src/Admin", AppEnvironments.Staging)]
    [InlineData("src/Admin", AppEnvironments.Production)]
    public void The_hosts_own_files_for_staging_and_production_hold_no_secret(string host, string environment)
    {
        var folder = Path.Combine(RepositoryPaths.Root, host);
        var configuration = new ConfigurationBuilder()
            .SetBasePath(folder)
            .AddJsonFile("appsettings.json", optional: false)
            .AddJsonFile($"appsettings.{environment}.json", optional: false)
            .Build();

        SecretSettings.InConfigurationFiles(configuration).ShouldBeEmpty();
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private IConfigurationRoot Configuration(IDictionary<string, string?> file, Dictionary<string, string?>? environment = null)
    {
        var builder = FileBuilder(file);
        if (environment is not null)
            builder.AddInMemoryCollection(environment);
        return builder.Build();
    }

    /// <summary>The settings written as the production file, as a host reads it.</summary>
    private IConfigurationBuilder FileBuilder(IDictionary<string, string?> file)
    {
        File.WriteAllText(Path.Combine(_folder.FullName, ProductionFile), JsonSerializer.Serialize(Nested(file)));
        return new ConfigurationBuilder().SetBasePath(_folder.FullName).AddJsonFile(ProductionFile, optional: false);
    }

    /// <summary>"A:B" keys as the nested objects an appsettings file has; AWS_* variables stay flat.</summary>
    private static Dictionary<string, object?> Nested(IDictionary<string, string?> settings)
    {
        var root = new Dictionary<string, object?>();
        foreach (var (key, value) in settings)
        {
            var parts = key.Split(':');
            var node = root;
            foreach (var part in parts[..^1])
            {
                if (!node.TryGetValue(part, out var child) || child is not Dictionary<string, object?> next)
                    node[part] = next = new Dictionary<string, object?>();
                node = next;
            }

            node[parts[^1]] = value;
        }

        return root;
    }

    private static IHostEnvironment Host(string name) => new HostingEnvironment { EnvironmentName = name };
}
