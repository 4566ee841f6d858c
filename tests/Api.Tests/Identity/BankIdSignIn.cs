using System.Collections.Concurrent;
using System.Security.Cryptography;
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
