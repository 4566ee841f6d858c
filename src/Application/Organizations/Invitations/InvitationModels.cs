using CleanLedger.Domain.Access;

namespace CleanLedger.Application.Organizations.Invitations;

/// <summary>An invitation as its organisation's owners see it; the code itself is never stored.</summary>
public sealed record InvitationDetails(Guid Id, OrgRole Role, string? Email, string? Note, Guid CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>A new invitation with its one-time code, answered once to the owner who made it.</summary>
public sealed record CreatedInvitation(Guid Id, string Code, OrgRole Role, DateTimeOffset ExpiresAt);

/// <summary>What redeeming a code made of the caller.</summary>
public sealed record RedeemedInvitation(Guid OrgId, OrgRole Role);

/// <summary>The SQL side of invitations. Every statement runs inside the invitation's organisation.</summary>
public interface IInvitationStore
{
    Task InsertAsync(Guid orgId, InvitationDetails invitation, string codeHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<InvitationDetails>> ListPendingAsync(Guid orgId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the pending invitation with this code redeemed by <paramref name="userId"/>, in one
    /// conditional update, so of concurrent redemptions exactly one wins. Null when no pending
    /// invitation has the code.
    /// </summary>
    Task<InvitationDetails?> RedeemAsync(Guid orgId, string codeHash, Guid userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Whether any invitation, pending or not, has this code.</summary>
    Task<bool> ExistsAsync(Guid orgId, string codeHash, CancellationToken cancellationToken);

    /// <summary>Revokes a pending invitation; false when there is none with this id.</summary>
    Task<bool> RevokeAsync(Guid orgId, Guid invitationId, DateTimeOffset now, CancellationToken cancellationToken);
}
