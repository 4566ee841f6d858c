using CleanLedger.Infrastructure.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace CleanLedger.Api.Tests.Edge;

/// <summary>Staging and production refuse to start with a development shortcut, naming the setting.</summary>
public sealed class StartupGuardTests
{
    private static readonly Dictionary<string, string?> SafeProduction = new()
    {
        ["Auth:StubUser"] = "false",
        ["Auth:Issuer"] = "https://api.cleanledger.se",
        ["Auth:Tokens:KeyRingPath"] = "/var/lib/cleanledger/key-ring",
        ["Auth:Tokens:KeyRingCertificatePath"] = "/run/secrets/key-ring.pfx",
        ["Database:Provider"] = "Postgres",
        ["Database:ConnectionString"] = "Host=db;Username=cleanledger_app",
        ["Database:MigrationConnectionString"] = "Host=db;Username=cleanledger_owner",
        ["Jobs:ConnectionString"] = "Host=db;Username=cleanledger_jobs",
        ["Cors:AllowedOrigins:0"] = "https://app.cleanledger.se",
        ["Documents:Store"] = "s3",
        ["Documents:S3:Endpoint"] = "https://s3.eu-north-1.example.se",
    };

    [Theory]
    [InlineData(AppEnvironments.Production)]
    [InlineData(AppEnvironments.Staging)]
    public void A_safe_configuration_starts(string environment) =>
        StartupGuards.Violations(Host(environment), Configuration(SafeProduction)).ShouldBeEmpty();

    [Theory]
    [InlineData("Auth:StubUser", "true", "Auth:StubUser must be false")]
    [InlineData("Database:Provider", "Sqlite", "Database:Provider must be Postgres")]
    [InlineData("Cors:AllowedOrigins:0", "*", "Cors:AllowedOrigins must list origins")]
    [InlineData("Auth:Issuer", "", "Auth:Issuer must be this Api's https address")]
    [InlineData("Auth:Issuer", "http://api.cleanledger.se", "Auth:Issuer must be this Api's https address")]
    [InlineData("Auth:Tokens:KeyRingPath", "", "Auth:Tokens:KeyRingPath must name where the Data Protection key ring is kept")]
    [InlineData("Auth:Tokens:KeyRingCertificatePath", "", "Auth:Tokens:KeyRingCertificatePath must name the certificate")]
    [InlineData("Auth:Tokens:PublishBeforeUse", "00:05:00", "Auth:Tokens:PublishBeforeUse must exceed PublishedKeysCacheLifetime")]
    [InlineData("Auth:DevSigningKey", "a-key-anyone-can-read-in-the-repository", "Auth:DevSigningKey must be empty")]
    [InlineData("Auth:DevSigningKeyFile", "data/dev-signing-key", "Auth:DevSigningKeyFile must be empty")]
    [InlineData("Cors:AllowLoopbackOrigins", "true", "Cors:AllowLoopbackOrigins must be false")]
    [InlineData("Jobs:ConnectionString", "", "Jobs:ConnectionString must connect as the jobs role")]
    [InlineData("Jobs:ConnectionString", "Host=db;Username=cleanledger_owner", "must not connect as 'cleanledger_owner', the tables' owner")]
    [InlineData("Documents:VirusScan:Enabled", "false", "Documents:VirusScan:Enabled must be true")]
    [InlineData("Documents:Store", "local", "Documents:Store must be s3")]
    [InlineData("Documents:S3:RetentionYears", "6", "bookkeeping material is kept at least 7 years")]
    [InlineData("Documents:S3:Region", "us-east-1", "is not an allowed (Swedish/EU) region")]
    [InlineData("Auth:BankId:Authority", "https://broker.example.se", "Auth:PersonnummerHmacKey must be set: BankID sign-in is configured only in part")]
    public void Production_refuses_each_development_shortcut(string setting, string value, string message)
    {
        var configuration = Configuration(new Dictionary<string, string?>(SafeProduction) { [setting] = value });

        var refusal = Should.Throw<InvalidOperationException>(() => StartupGuards.EnsureSafe(Host(AppEnvironments.Production), configuration));

        refusal.Message.ShouldContain("refuses to start in 'production'");
        refusal.Message.ShouldContain(message);
        StartupGuards.Violations(Host(AppEnvironments.Production), configuration).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("Auth:BankId:Authority", "http://broker.example.se")]
    [InlineData("Auth:BankId:CallbackUri", "http://app.cleanledger.se/signed-in")]
    public void Production_refuses_a_bankid_broker_or_callback_without_https(string setting, string value)
    {
        var configuration = Configuration(new Dictionary<string, string?>(SafeProduction)
        {
            ["Auth:BankId:Authority"] = "https://broker.example.se",
            ["Auth:BankId:ClientId"] = "cleanledger",
            ["Auth:BankId:ClientSecret"] = "from-the-secret-store",
            ["Auth:BankId:CallbackUri"] = "https://app.cleanledger.se/signed-in",
            ["Auth:PersonnummerHmacKey"] = Convert.ToBase64String(new byte[32]),
            [setting] = value,
        });

        StartupGuards.Violations(Host(AppEnvironments.Production), configuration)
            .ShouldHaveSingleItem().ShouldContain($"{setting} must be an https address");
    }

    [Fact]
    public void Production_accepts_a_bankid_broker_on_its_own_machine_over_http() =>
        StartupGuards.Violations(Host(AppEnvironments.Production), Configuration(new Dictionary<string, string?>(SafeProduction)
        {
            ["Auth:BankId:Authority"] = "http://127.0.0.1:4011",
            ["Auth:BankId:ClientId"] = "cleanledger",
            ["Auth:BankId:ClientSecret"] = "from-the-secret-store",
            ["Auth:BankId:CallbackUri"] = "https://app.cleanledger.se/signed-in",
            ["Auth:PersonnummerHmacKey"] = Convert.ToBase64String(new byte[32]),
        })).ShouldBeEmpty();

    [Fact]
    public void Local_allows_the_development_shortcuts()
    {
        var configuration = Configuration(new Dictionary<string, string?>
        {
            ["Auth:StubUser"] = "true",
            ["Database:Provider"] = "Sqlite",
            ["Cors:AllowLoopbackOrigins"] = "true",
            ["Auth:DevSigningKeyFile"] = "data/dev-signing-key",
        });

        StartupGuards.Violations(Host(AppEnvironments.Local), configuration).ShouldBeEmpty();
    }

    [Fact]
    public void An_unknown_environment_is_refused() =>
        StartupGuards.Violations(Host("Development"), Configuration(SafeProduction)).ShouldHaveSingleItem().ShouldContain("unknown");

    [Fact]
    public void The_real_host_refuses_to_start_in_production_with_its_local_settings()
    {
        using var factory = new ProductionWithStubFactory();

        var refusal = Should.Throw<InvalidOperationException>(() => factory.CreateClient());

        refusal.Message.ShouldContain("Auth:StubUser must be false");
        refusal.Message.ShouldContain("Database:Provider must be Postgres");
    }

    private static IConfiguration Configuration(IDictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static IHostEnvironment Host(string name) => new HostingEnvironment { EnvironmentName = name };

    private sealed class ProductionWithStubFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(AppEnvironments.Production);
            builder.UseSetting("Auth:StubUser", "true");
            builder.UseSetting("Database:Provider", "Sqlite");
        }
    }
}
