using Xunit;

namespace CleanLedger.Testing;

/// <summary>A test class on a shared fixture database, emptied before each test.</summary>
public abstract class DatabaseTest<TFixture>(TFixture fixture) : IClassFixture<TFixture>, IAsyncLifetime
    where TFixture : DatabaseFixture
{
    protected TFixture Fixture => fixture;

    protected ApplicationHarness App => fixture.App;

    public virtual Task InitializeAsync() => fixture.Database.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
