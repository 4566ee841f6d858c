using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Application.Identity.BankId;
using CleanLedger.Domain.Identity;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanLedger.Api.Tests.Identity;

/// <summary>
/// The Api with the test OpenID Provider as its BankID broker (a client registered for this host),
/// a random personnummer key, every log line captured, and sign-in limits far above what a test
/// sends. Its browsers speak https, as the binding cookie (Secure, __Host-) requires.
/// </summary>
public abstract class BankIdApiFactory(DatabaseProvider provider) : ApiFactory(provider)
{
    public static readonly Uri BaseAddress = new("https://localhost");

    public static readonly Uri CallbackUri = new(BaseAddress, "/api/v1/auth/bankid/callback");

    private OidcClient _broker = null!;

    public CapturedLogs Logs { get; } = new();

    public override async Task InitializeAsync()
    {
        _broker = await OidcTestProvider.RegisterClientAsync(CallbackUri);
        await base.InitializeAsync();
    }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:BankId:Authority"] = OidcTestProvider.Issuer.ToString(),
        ["Auth:BankId:ClientId"] = _broker.ClientId,
        ["Auth:BankId:ClientSecret"] = _broker.ClientSecret,
        ["Auth:BankId:CallbackUri"] = CallbackUri.ToString(),
        ["Auth:PersonnummerHmacKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["RateLimiting:SignIn:PerIp:PermitLimit"] = "100000",
        ["RateLimiting:SignIn:PerClient:PermitLimit"] = "100000",
        ["RateLimiting:Credentials:PermitLimit"] = "100000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Trace));
    }

    /// <summary>A browser: https, and a cookie jar of its own.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = BaseAddress });

    /// <summary>How many users the keyed hash of <paramref name="person"/>'s personnummer finds.</summary>
    public async Task<int> UsersWithAsync(TestPerson person)
    {
        Personnummer.TryParse(person.Personnummer, out var personnummer).ShouldBeTrue();
        var hash = Services.GetRequiredService<IPersonnummerHasher>().Hash(personnummer!);
        return (int)(await QueryAsync<long>("SELECT count(*) FROM users WHERE personnummer_hash = @hash", new { hash })).Single();
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DbSession>().QueryAsync<T>(sql, parameters, CancellationToken.None);
    }

    /// <summary>A change by hand, as time passing would make it.</summary>
    public async Task ExecuteAsync(string sql, object? parameters)
    {
        await using var scope = Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await session.BeginAsync(CancellationToken.None);
        await session.ExecuteAsync(sql, parameters, CancellationToken.None);
        await session.CommitAsync(CancellationToken.None);
    }

    /// <summary>Every value of every row of <paramref name="table"/>, as text.</summary>
    public async Task<IReadOnlyList<string>> ValuesOfAsync(string table) =>
        (await QueryAsync<dynamic>($"SELECT * FROM {table}", null))
            .SelectMany(row => ((IDictionary<string, object?>)row).Values.Select(value => value?.ToString() ?? ""))
            .ToList();
}

public sealed class PostgresBankIdApiFactory() : BankIdApiFactory(DatabaseProvider.Postgres);

public sealed class SqliteBankIdApiFactory() : BankIdApiFactory(DatabaseProvider.Sqlite);

/// <summary>Someone with a BankID: the broker's subject for it, their personnummer and name.</summary>
public sealed record TestPerson(string Subject, string Personnummer, string Name)
{
    /// <summary>A new person with a valid personnummer (born 1950–1999) no other test uses.</summary>
    public static TestPerson New(string name)
    {
        var born = new DateOnly(1950, 1, 1).AddDays(RandomNumberGenerator.GetInt32(50 * 365));
        var nine = $"{born:yyMMdd}{RandomNumberGenerator.GetInt32(1000):000}";
        return new TestPerson($"sub-{Guid.NewGuid():N}", $"{born:yyyy}"[..2] + nine + CheckDigit(nine), name);
    }

    /// <summary>The same person with a new BankID (a new phone): the broker gives it another subject.</summary>
    public TestPerson WithNewBankId() => this with { Subject = $"sub-{Guid.NewGuid():N}" };

    public Task EnrolAsync() => OidcTestProvider.EnrolPersonAsync(Subject, Personnummer, Name);

    private static int CheckDigit(string nine)
    {
        var sum = nine.Select((digit, i) => (digit - '0') * (i % 2 == 0 ? 2 : 1)).Sum(product => product > 9 ? product - 9 : product);
        return (10 - sum % 10) % 10;
    }
}

/// <summary>What a browser does during a BankID sign-in, over HTTP.</summary>
public static class BankIdBrowser
{
    public const string StartPath = "/api/v1/auth/bankid/start";

    public sealed record Started(Uri AuthorizationUrl, string State);

    public static async Task<Started> StartBankIdAsync(this HttpClient browser)
    {
        var response = await browser.PostAsync(StartPath, null);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Started(new Uri(body.GetProperty("authorizationUrl").GetString()!), body.GetProperty("state").GetString()!);
    }

    /// <summary>Follows the broker's redirect back to the callback route (path and query as the broker sent them).</summary>
    public static Task<HttpResponseMessage> ReturnFromBrokerAsync(this HttpClient browser, Uri brokerRedirect) =>
        browser.GetAsync(brokerRedirect.PathAndQuery);

    /// <summary>Start, the person's sign-in at the broker, and the callback: our tokens.</summary>
    public static async Task<(string AccessToken, string RefreshToken)> SignInWithBankIdAsync(this HttpClient browser, TestPerson person)
    {
        var started = await browser.StartBankIdAsync();
        var redirect = await OidcTestProvider.SignInAsync(started.AuthorizationUrl, person.Subject);
        return await (await browser.ReturnFromBrokerAsync(redirect)).ReadTokensAsync();
    }
}

/// <summary>Every log line the host writes (message, its values and any exception), at every level.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(pair => pair.Value)) : "";
            lines.Enqueue($"{category} {formatter(state, exception)} {values} {exception}");
        }
    }
}
