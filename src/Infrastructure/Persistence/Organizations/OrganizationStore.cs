using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Identity.GetMe;
using CleanLedger.Application.Organizations;
using CleanLedger.Domain.Access;

namespace CleanLedger.Infrastructure.Persistence.Organizations;

/// <summary>The SQL of the Organizations and Identity features.</summary>
public sealed class OrganizationStore(DbSession session) : IOrganizationStore, IUserDirectory, IMembershipReader, IMyMembershipsReader
{
    private const string OrganizationColumns = """
        o.id AS Id, o.name AS Name, o.org_number AS OrgNumber, o.vat_period AS VatPeriod,
        o.fiscal_year_start AS FiscalYearStart, o.created_at AS CreatedAt
        """;

    public async Task CreateAsync(OrganizationDetails organization, Guid ownerUserId, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            """
            INSERT INTO organizations (id, name, org_number, vat_period, fiscal_year_start, created_at)
            VALUES (@Id, @Name, @OrgNumber, @VatPeriod, @FiscalYearStart, @CreatedAt)
            """,
            new
            {
                organization.Id,
                organization.Name,
                organization.OrgNumber,
                VatPeriod = Text(organization.VatPeriod),
                organization.FiscalYearStart,
                organization.CreatedAt,
            },
            cancellationToken);
        await SetMemberRoleAsync(organization.Id, ownerUserId, OrgRole.Owner, organization.CreatedAt, cancellationToken);
    }

    public Task<OrganizationDetails?> FindAsync(Guid orgId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<OrganizationDetails>(
            $"SELECT {OrganizationColumns} FROM organizations o WHERE o.id = @orgId",
            new { orgId },
            cancellationToken);

    public Task<IReadOnlyList<OrganizationDetails>> ListAllAsync(CancellationToken cancellationToken) =>
        session.QueryAsync<OrganizationDetails>(
            $"SELECT {OrganizationColumns} FROM organizations o ORDER BY o.name, o.id",
            null,
            cancellationToken);

    public Task<IReadOnlyList<MemberDetails>> ListMembersAsync(Guid orgId, CancellationToken cancellationToken) =>
        session.QueryAsync<MemberDetails>(
            """
            SELECT m.user_id AS UserId, u.display_name AS DisplayName, m.role AS Role, m.created_at AS MemberSince
            FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.org_id = @orgId
            ORDER BY m.created_at, m.user_id
            """,
            new { orgId },
            cancellationToken);

    public Task SetMemberRoleAsync(Guid orgId, Guid userId, OrgRole role, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO memberships (org_id, user_id, role, created_at) VALUES (@orgId, @userId, @role, @now)
            ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role
            """,
            new { orgId, userId, role = Text(role), now },
            cancellationToken);

    public Task EnsureAsync(Guid userId, string? displayName, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO users (id, display_name, created_at) VALUES (@userId, @displayName, @now)
            ON CONFLICT (id) DO UPDATE SET display_name = coalesce(excluded.display_name, users.display_name)
            """,
            new { userId, displayName, now },
            cancellationToken);

    public async Task<OrgRole?> FindRoleAsync(Guid orgId, Guid userId, CancellationToken cancellationToken)
    {
        // In a command the membership is held until commit, so a role taken away meanwhile waits.
        var role = await session.QuerySingleOrDefaultAsync<string>(
            $"SELECT role FROM memberships WHERE org_id = @orgId AND user_id = @userId {session.ForShareIfWriting}",
            new { orgId, userId },
            cancellationToken);
        return role is null ? null : Enum.Parse<OrgRole>(role, ignoreCase: true);
    }

    public Task<IReadOnlyList<MembershipSummary>> ListAsync(Guid userId, CancellationToken cancellationToken) =>
        session.QueryAsync<MembershipSummary>(
            """
            SELECT o.id AS OrgId, o.name AS OrgName, m.role AS Role
            FROM memberships m JOIN organizations o ON o.id = m.org_id
            WHERE m.user_id = @userId
            ORDER BY o.name, o.id
            """,
            new { userId },
            cancellationToken);

    private static string Text<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();
}
