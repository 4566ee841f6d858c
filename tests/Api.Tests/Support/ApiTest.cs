
namespace CleanLedger.Api.Tests.Support;

/// <summary>A test class on a shared Api host whose database is emptied (and the demo organisation re-seeded) before each test.</summary>
public abstract class ApiTest<TFactory>(TFactory factory) : IClassFixture<TFactory>, IAsyncLifetime
    where TFactory : ApiFactory
{
    protected TFactory Factory => factory;

    public virtual Task InitializeAsync() => factory.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
