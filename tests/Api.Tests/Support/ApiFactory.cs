using System.Net.Http.Headers;
using CleanLedger.Api.Hosting;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Api.Tests.Support;

/// <summary>
/// The real Api (its Program, middleware and endpoints) on a real database of its own. Subclasses
/// choose the engine, the environment and any settings a test needs.
/// </summary>
public abstract class ApiFactory(DatabaseProvider provider) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    protected virtual string Environment => AppEnvironments.Test;

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync() => Database = await TestDatabase.CreateAsync(provider);

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
        var token = DevTokens.Create(auth, user.Id, user.Name, user.IsPlatformAdmin, TimeSpan.FromMinutes(10), DateTimeOffset.UtcNow);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in Database.Settings.Concat(Settings))
            builder.UseSetting(key, value);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class PostgresApiFactory() : ApiFactory(DatabaseProvider.Postgres);

public sealed class SqliteApiFactory() : ApiFactory(DatabaseProvider.Sqlite);
