namespace CleanLedger.Testing;

/// <summary>Someone a test acts as.</summary>
public sealed record TestUser(Guid Id, string Name, bool IsPlatformAdmin = false)
{
    public static TestUser New(string name) => new(Guid.NewGuid(), name);

    public static TestUser Admin(string name) => new(Guid.NewGuid(), name, IsPlatformAdmin: true);
}
