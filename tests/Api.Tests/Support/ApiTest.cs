
namespace CleanLedger.Api.Tests.Support;

/// <summary>A test class on a shared Api host whose database is emptied (and the demo organisation re-seeded) before each test.</summary>
public abstract class ApiTest<TFactory>(TFactory factory) : IClassFixture<TFactory>, IAsyncLifetime
    where TFactory : ApiFactory
{
    protected TFactory Factory => factory;

    public virtual Task InitializeAsync() => factory.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>An Api test acting as the owner of an organisation created fresh for each test.</summary>
public abstract class OwnerApiTest<TFactory>(TFactory factory) : ApiTest<TFactory>(factory)
    where TFactory : ApiFactory
{
    protected Testing.TestUser Owner { get; } = Testing.TestUser.New("Olivia Owner");

    protected HttpClient Client { get; private set; } = null!;

    protected Guid OrgId { get; private set; }

    protected virtual string OrganizationName => "Kvitto AB";

    protected virtual string VatPeriod => "monthly";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Client = Factory.ClientFor(Owner);
        OrgId = await Client.CreateOrganizationAsync(OrganizationName, VatPeriod);
    }
}
