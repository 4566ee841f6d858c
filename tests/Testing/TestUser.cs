using CleanLedger.Domain.Access;

namespace CleanLedger.Testing;

/// <summary>Someone a test acts as: an organisation's user, or (with a platform role) staff.</summary>
public sealed record TestUser(Guid Id, string Name, PlatformRole? PlatformRole = null)
{
    public static TestUser New(string name) => new(Guid.NewGuid(), name);

    public static TestUser Admin(string name) => Staff(name, Domain.Access.PlatformRole.Admin);

    public static TestUser Staff(string name, PlatformRole role) => new(Guid.NewGuid(), name, role);
}
