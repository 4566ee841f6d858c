using CleanLedger.Application.Organizations.Invitations;
using CleanLedger.Domain.Access;

namespace CleanLedger.Infrastructure.Persistence.Organizations;

/// <summary>The SQL of invitations; a row is pending while it is neither redeemed, revoked nor expired.</summary>
public sealed class InvitationStore(DbSession session) : IInvitationStore
{
    private const string Columns = """
        id AS Id, role AS Role, email AS Email, note AS Note, created_by AS CreatedBy, created_at AS CreatedAt, expires_at AS ExpiresAt
        """;

    private const string Pending = "redeemed_at IS NULL AND revoked_at IS NULL AND expires_at > @now";

    public Task InsertAsync(Guid orgId, InvitationDetails invitation, string codeHash, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO invitations (id, org_id, code_hash, role, email, note, created_by, created_at, expires_at)
            VALUES (@Id, @orgId, @codeHash, @role, @Email, @Note, @CreatedBy, @CreatedAt, @ExpiresAt)
            """,
            new { invitation.Id, orgId, codeHash, role = invitation.Role.Name(), invitation.Email, invitation.Note, invitation.CreatedBy, invitation.CreatedAt, invitation.ExpiresAt },
            cancellationToken);

    public Task<IReadOnlyList<InvitationDetails>> ListPendingAsync(Guid orgId, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.QueryAsync<InvitationDetails>(
            $"SELECT {Columns} FROM invitations WHERE org_id = @orgId AND {Pending} ORDER BY created_at, id",
            new { orgId, now },
            cancellationToken);

    // One conditional UPDATE: concurrent redemptions queue on the row, and each after the first
    // finds it no longer pending.
    public async Task<InvitationDetails?> RedeemAsync(Guid orgId, string codeHash, Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var redeemed = await session.ExecuteAsync(
            $"UPDATE invitations SET redeemed_by = @userId, redeemed_at = @now WHERE org_id = @orgId AND code_hash = @codeHash AND {Pending}",
            new { orgId, codeHash, userId, now },
            cancellationToken);
        if (redeemed == 0)
            return null;
        return await session.QuerySingleOrDefaultAsync<InvitationDetails>(
            $"SELECT {Columns} FROM invitations WHERE org_id = @orgId AND code_hash = @codeHash",
            new { orgId, codeHash },
            cancellationToken);
    }

    public async Task<bool> ExistsAsync(Guid orgId, string codeHash, CancellationToken cancellationToken) =>
        await session.QuerySingleOrDefaultAsync<int?>(
            "SELECT 1 FROM invitations WHERE org_id = @orgId AND code_hash = @codeHash",
            new { orgId, codeHash },
            cancellationToken) is not null;

    public async Task<bool> RevokeAsync(Guid orgId, Guid invitationId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            $"UPDATE invitations SET revoked_at = @now WHERE org_id = @orgId AND id = @invitationId AND {Pending}",
            new { orgId, invitationId, now },
            cancellationToken) == 1;
}
