using CleanLedger.Application;
using CleanLedger.Application.Common.Behaviors;
using CleanLedger.Application.Common.Security;
using CleanLedger.Infrastructure;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanLedger.Testing;

/// <summary>
/// The Application wired to real Infrastructure on a real database, with no web host: messages
/// are sent through the full pipeline, each in a fresh scope as a given user.
/// </summary>
public sealed class ApplicationHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="database">The database to run against.</param>
    /// <param name="validateScopes">Check every resolution for scope mistakes, as tests should; a benchmark measures without, like a production host.</param>
    /// <param name="clock">The time the Application sees (the system clock unless a test fixes it).</param>
    /// <param name="settings">Settings over the database's, e.g. a test's limits.</param>
    public ApplicationHarness(TestDatabase database, bool validateScopes = true, TimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Database = database;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddApplication()
            .AddInfrastructure(configuration);
        if (clock is not null)
            services.AddSingleton(clock);
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.GenerateTypesAsInternal = true;
            options.Assemblies = [typeof(OrgScopingBehavior<,>)];
        });
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = validateScopes, ValidateOnBuild = validateScopes });
    }

    public TestDatabase Database { get; }

    public IServiceProvider Services => _services;

    /// <summary>Sends <paramref name="message"/> in a new scope, as <paramref name="user"/> (or anonymously).</summary>
    public Task<TResponse> SendAsync<TResponse>(TestUser? user, IMessage message) =>
        InScopeAsync(user, async sender => (TResponse)(await sender.Send((object)message))!);

    /// <summary>Runs <paramref name="work"/> in one new scope as <paramref name="user"/>, e.g. to use a response that needs the scope (a streamed export).</summary>
    public async Task<T> InScopeAsync<T>(TestUser? user, Func<ISender, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        if (user is not null)
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SignIn(user.Id, user.Name, user.PlatformRole);
        return await work(scope.ServiceProvider.GetRequiredService<ISender>());
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
