using System.Net.Http.Headers;
using CleanLedger.Api.Hosting;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CleanLedger.Api.Tests.Support;

/// <summary>The real Api on a real database of its own.</summary>
public abstract class ApiFactory(DatabaseProvider provider) : HostFactory<Program>(provider)
{
    /// <summary>Empties the database and seeds the demo organisation again, as a fresh start would.</summary>
    public async Task ResetAsync()
    {
        await Database.ResetAsync();
        if (Services.GetRequiredService<IConfiguration>().GetValue<bool>("Auth:StubUser"))
            await Services.SeedDemoOrganizationAsync(CancellationToken.None);
    }

    /// <summary>A client that sends a development token for <paramref name="user"/>.</summary>
    public HttpClient ClientFor(TestUser user)
    {
        var auth = Services.GetRequiredService<IConfiguration>().GetSection(AuthOptions.Section).Get<AuthOptions>()!;
        var client = CreateClient();
        var token = DevTokens.Create(auth, Services.GetRequiredService<IHostEnvironment>(), user.Id, user.Name, user.PlatformRole, TimeSpan.FromMinutes(10), DateTimeOffset.UtcNow);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

public sealed class PostgresApiFactory() : ApiFactory(DatabaseProvider.Postgres);

public sealed class SqliteApiFactory() : ApiFactory(DatabaseProvider.Sqlite);

/// <summary>
/// The Api with its Hangfire job server running (background imports), on either engine; its tests
/// poll jobs and post while they run, far faster than the per-client rate limit allows a person.
/// </summary>
public abstract class JobsApiFactory(DatabaseProvider provider) : ApiFactory(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Jobs:Server"] = "true",
        ["Jobs:Workers"] = "2",
        ["RateLimiting:PerIp:PermitLimit"] = "1000000",
        ["RateLimiting:PerUser:PermitLimit"] = "1000000",
    };
}

public sealed class PostgresJobsApiFactory() : JobsApiFactory(DatabaseProvider.Postgres);

public sealed class SqliteJobsApiFactory() : JobsApiFactory(DatabaseProvider.Sqlite);
