using CleanLedger.Domain.Access;
using CleanLedger.Domain.Organizations;

namespace CleanLedger.Application.Organizations;

public sealed record OrganizationDetails(
    Guid Id,
    string Name,
    string OrgNumber,
    VatPeriod VatPeriod,
    string FiscalYearStart,
    DateTimeOffset CreatedAt);

public sealed record MemberDetails(Guid UserId, string? DisplayName, OrgRole Role, DateTimeOffset MemberSince);

/// <summary>The SQL side of the Organizations feature (Infrastructure implements it).</summary>
public interface IOrganizationStore
{
    Task CreateAsync(OrganizationDetails organization, Guid ownerUserId, CancellationToken cancellationToken);

    Task<OrganizationDetails?> FindAsync(Guid orgId, CancellationToken cancellationToken);

    Task<IReadOnlyList<OrganizationDetails>> ListAllAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<MemberDetails>> ListMembersAsync(Guid orgId, CancellationToken cancellationToken);

    Task SetMemberRoleAsync(Guid orgId, Guid userId, OrgRole role, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Users are platform-wide; a row is made the first time someone creates or joins an organisation.</summary>
public interface IUserDirectory
{
    Task EnsureAsync(Guid userId, string? displayName, DateTimeOffset now, CancellationToken cancellationToken);
}
