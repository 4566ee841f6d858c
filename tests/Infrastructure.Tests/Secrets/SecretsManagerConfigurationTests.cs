using System.Collections.Concurrent;
using CleanLedger.Infrastructure.Hosting.Secrets;
using CleanLedger.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanLedger.Infrastructure.Tests.Secrets;

/// <summary>
/// A host configured like staging reads its secrets from the loopback Secrets Manager, which
/// checks every signature: they become settings, a rotation reaches IOptionsMonitor without a
/// restart, a refused or broken read fails start-up by name and a failed reload changes nothing.
/// </summary>
public sealed class SecretsManagerConfigurationTests : IAsyncLifetime
{
    private const string ApiSecret = "cleanledger/staging/api";
    private const string DatabaseSecret = "cleanledger/staging/database";

    /// <summary>Generous: the bound is on "never", not on speed.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan QuickReload = TimeSpan.FromMilliseconds(100);

    private FakeSecretsManager _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeSecretsManager.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Each_secrets_JSON_object_becomes_settings_that_win_over_the_other_sources()
    {
        _fake.Put(ApiSecret, """{"Auth": {"ClientSecret": "broker-secret", "Scopes": ["openid", "profile"]}, "Fortnox:ClientSecret": "fortnox-secret", "Jobs": {"Workers": 4, "Server": true}}""");
        _fake.Put(DatabaseSecret, """{"Database": {"ConnectionString": "Host=db;Username=cleanledger_app;Password=db-password"}}""");

        using var host = await StartAsync(Settings([ApiSecret, DatabaseSecret], QuickReload, ("Auth:ClientSecret", "stale-from-the-environment")));

        var configuration = host.Services.GetRequiredService<IConfiguration>();
        configuration["Auth:ClientSecret"].ShouldBe("broker-secret");
        configuration["Auth:Scopes:1"].ShouldBe("profile");
        configuration["Fortnox:ClientSecret"].ShouldBe("fortnox-secret");
        configuration["Jobs:Workers"].ShouldBe("4");
        configuration.GetValue<bool>("Jobs:Server").ShouldBeTrue();
        configuration["Database:ConnectionString"].ShouldBe("Host=db;Username=cleanledger_app;Password=db-password");
        _fake.Served.ShouldBe(2);
    }

    [Fact]
    public async Task A_rotated_secret_reaches_options_monitor_consumers_without_a_restart()
    {
        _fake.Put(ApiSecret, """{"Auth": {"ClientSecret": "before-rotation"}}""");
        using var host = await StartAsync(Settings([ApiSecret], QuickReload));
        var monitor = host.Services.GetRequiredService<IOptionsMonitor<BrokerSettings>>();
        monitor.CurrentValue.ClientSecret.ShouldBe("before-rotation");
        var rotated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = monitor.OnChange(settings => rotated.TrySetResult(settings.ClientSecret));

        _fake.Put(ApiSecret, """{"Auth": {"ClientSecret": "after-rotation"}}""");

        (await rotated.Task.WaitAsync(Patience)).ShouldBe("after-rotation");
        monitor.CurrentValue.ClientSecret.ShouldBe("after-rotation");
        host.Services.GetRequiredService<IConfiguration>()["Auth:ClientSecret"].ShouldBe("after-rotation");
    }

    [Theory]
    [InlineData(FakeSecretsManager.AccessKeyId, "a-wrong-secret-access-key", "InvalidSignatureException (HTTP 403)")]
    [InlineData("AKIDNOBODYKNOWS", FakeSecretsManager.SecretAccessKey, "UnrecognizedClientException (HTTP 403)")]
    public async Task Wrong_credentials_are_refused_by_the_service_and_fail_start_up_by_name(string accessKeyId, string secretKey, string refusal)
    {
        _fake.Put(ApiSecret, """{"Auth": {"ClientSecret": "broker-secret"}}""");
        var settings = Settings([ApiSecret], QuickReload, (AwsCredentials.AccessKeyIdVariable, accessKeyId), (AwsCredentials.SecretAccessKeyVariable, secretKey));

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => StartAsync(settings));

        failure.Message.ShouldContain("cannot read its secrets from Secrets Manager at start-up");
        failure.Message.ShouldContain($"secret '{ApiSecret}'");
        failure.Message.ShouldContain(refusal);
        failure.Message.ShouldNotContain(secretKey);
        (_fake.Refused, _fake.Served).ShouldBe((1, 0));
    }

    [Fact]
    public async Task An_unknown_secret_fails_start_up_by_name()
    {
        var failure = await Should.ThrowAsync<InvalidOperationException>(() => StartAsync(Settings(["cleanledger/staging/missing"], QuickReload)));

        failure.Message.ShouldContain("secret 'cleanledger/staging/missing'");
        failure.Message.ShouldContain("ResourceNotFoundException");
    }

    [Theory]
    [InlineData("not-json-but-the-secret-itself", "is not JSON")]
    [InlineData("\"a-json-string-secret\"", "is a JSON String, not an object of settings")]
    [InlineData("[\"a-json-array-secret\"]", "is a JSON Array, not an object of settings")]
    public async Task A_secret_that_is_no_object_of_settings_fails_start_up_without_quoting_it(string secretString, string reason)
    {
        _fake.Put(ApiSecret, secretString);

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => StartAsync(Settings([ApiSecret], QuickReload)));

        failure.Message.ShouldContain($"secret '{ApiSecret}' {reason}");
        failure.ToString().ShouldNotContain("secret-itself");
        failure.ToString().ShouldNotContain("json-string-secret");
        failure.ToString().ShouldNotContain("json-array-secret");
    }

    [Fact]
    public async Task Two_secrets_setting_the_same_key_fail_start_up()
    {
        _fake.Put(ApiSecret, """{"Auth": {"ClientSecret": "one"}}""");
        _fake.Put(DatabaseSecret, """{"auth:clientsecret": "two"}""");

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => StartAsync(Settings([ApiSecret, DatabaseSecret], QuickReload)));

        failure.Message.ShouldContain($"secrets '{ApiSecret}' and '{DatabaseSecret}' both set 'auth:clientsecret'");
    }

    [Fact]
    public async Task A_failed_reload_keeps_the_last_good_values_warns_without_them_and_the_next_good_one_is_taken()
    {
        _fake.Put(ApiSecret, """{"Auth": {"ClientSecret": "last-good-secret"}}""");
        var logs = new CapturedLogs();
        using var host = await StartAsync(Settings([ApiSecret], QuickReload), logs);
        var configuration = host.Services.GetRequiredService<IConfiguration>();

        _fake.Unavailable = true;
        await EventuallyAsync(() => _fake.Refused >= 2 && logs.Warnings.Count >= 2);
        configuration["Auth:ClientSecret"].ShouldBe("last-good-secret");
        logs.Warnings.ShouldAllBe(warning => warning.Contains($"secret '{ApiSecret}'") && warning.Contains("InternalServiceError (HTTP 500)"));

        _fake.Put(ApiSecret, """{"Auth": {"ClientSecret": "rotated-while-down"}}""");
        _fake.Unavailable = false;
        await EventuallyAsync(() => configuration["Auth:ClientSecret"] == "rotated-while-down");
        logs.All.ShouldNotContain(line => line.Contains("last-good-secret") || line.Contains("rotated-while-down"));
    }

    [Fact]
    public async Task A_rotation_to_a_broken_secret_keeps_every_last_good_value_and_never_logs_the_broken_text()
    {
        _fake.Put(ApiSecret, """{"Auth": {"ClientSecret": "api-v1"}}""");
        _fake.Put(DatabaseSecret, """{"Database": {"ConnectionString": "Host=db;Password=db-v1"}}""");
        var logs = new CapturedLogs();
        using var host = await StartAsync(Settings([ApiSecret, DatabaseSecret], QuickReload), logs);
        var configuration = host.Services.GetRequiredService<IConfiguration>();

        _fake.Put(ApiSecret, """{"Auth": {"ClientSecret": "api-v2"}}""");
        _fake.Put(DatabaseSecret, """{"Database": {"ConnectionString": "Host=db;Password=db-v2" """);
        await EventuallyAsync(() => logs.Warnings.Count >= 2);

        (configuration["Auth:ClientSecret"], configuration["Database:ConnectionString"]).ShouldBe(("api-v1", "Host=db;Password=db-v1"));
        logs.Warnings.ShouldAllBe(warning => warning.Contains($"secret '{DatabaseSecret}' is not JSON"));
        logs.All.ShouldNotContain(line => line.Contains("db-v2") || line.Contains("api-v"));
    }

    [Fact]
    public async Task A_request_dated_more_than_five_minutes_ago_is_refused()
    {
        _fake.Put(ApiSecret, """{"Auth": {"ClientSecret": "broker-secret"}}""");
        using var http = new HttpClient();
        var credentials = new AwsCredentials(FakeSecretsManager.AccessKeyId, FakeSecretsManager.SecretAccessKey, sessionToken: null);
        var slowClock = new OffsetClock(TimeSpan.FromMinutes(-6));
        var client = new SecretsManagerClient(http, _fake.Endpoint, FakeSecretsManager.Region, credentials, slowClock);

        var refusal = await Should.ThrowAsync<SecretsManagerException>(() => client.GetSecretStringAsync(ApiSecret, CancellationToken.None));

        refusal.Message.ShouldContain("InvalidSignatureException (HTTP 403): Signature expired");
    }

    [Fact]
    public async Task Temporary_credentials_sign_their_session_token()
    {
        _fake.Put(ApiSecret, """{"Auth": {"ClientSecret": "broker-secret"}}""");
        using var host = await StartAsync(Settings([ApiSecret], QuickReload, (AwsCredentials.SessionTokenVariable, "a-session-token")));

        host.Services.GetRequiredService<IConfiguration>()["Auth:ClientSecret"].ShouldBe("broker-secret");
    }

    [Fact]
    public async Task Without_the_aws_provider_nothing_is_read()
    {
        var settings = Settings([ApiSecret], QuickReload);
        settings.Remove("Secrets:Provider");

        using var host = await StartAsync(settings);

        (_fake.Served, _fake.Refused).ShouldBe((0, 0));
        host.Services.GetServices<IHostedService>().OfType<SecretsReloader>().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Secrets:Provider", "vault", "Secrets:Provider 'vault' is unknown")]
    [InlineData("Secrets:Region", "", "Secrets:Region is not set")]
    [InlineData("Secrets:ReloadInterval", "00:00:00", "Secrets:ReloadInterval is 00:00:00; it must be positive")]
    [InlineData(AwsCredentials.SecretAccessKeyVariable, "", "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set")]
    public async Task A_misconfigured_secrets_source_fails_start_up_naming_the_setting(string setting, string value, string message)
    {
        var settings = Settings([ApiSecret], QuickReload, (setting, value));

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => StartAsync(settings));

        failure.Message.ShouldContain(message);
    }

    private Dictionary<string, string?> Settings(string[] names, TimeSpan reloadInterval, params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Secrets:Provider"] = SecretsOptions.AwsProvider,
            ["Secrets:Region"] = FakeSecretsManager.Region,
            ["Secrets:Endpoint"] = _fake.Endpoint.ToString(),
            ["Secrets:ReloadInterval"] = reloadInterval.ToString(),
            [AwsCredentials.AccessKeyIdVariable] = FakeSecretsManager.AccessKeyId,
            [AwsCredentials.SecretAccessKeyVariable] = FakeSecretsManager.SecretAccessKey,
        };
        for (var index = 0; index < names.Length; index++)
            settings[$"Secrets:Names:{index}"] = names[index];
        foreach (var (key, value) in overrides)
            settings[key] = value;
        return settings;
    }

    private static async Task<IHost> StartAsync(Dictionary<string, string?> settings, CapturedLogs? logs = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "staging" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSecretsManager();
        builder.Services.Configure<BrokerSettings>(builder.Configuration.GetSection("Auth"));
        if (logs is not null)
            builder.Logging.AddProvider(logs);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!condition())
            await Task.Delay(TimeSpan.FromMilliseconds(20), patience.Token);
    }

    private sealed class BrokerSettings
    {
        public string ClientSecret { get; set; } = "";
    }

    private sealed class OffsetClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }

    /// <summary>Every message logged, formatted; warnings separately.</summary>
    private sealed class CapturedLogs : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Text)> _lines = new();

        public IReadOnlyList<string> All => [.. _lines.Select(line => line.Text)];

        public IReadOnlyList<string> Warnings => [.. _lines.Where(line => line.Level == LogLevel.Warning).Select(line => line.Text)];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue((logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception)));

        public void Dispose()
        {
        }
    }
}
