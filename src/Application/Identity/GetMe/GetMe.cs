using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Common.Security;
using CleanLedger.Domain.Access;
using Mediator;

namespace CleanLedger.Application.Identity.GetMe;

/// <summary>The caller, their platform roles and the organisations they belong to.</summary>
public sealed record GetMe : IQuery<CallerProfile>, IUserScoped;

public sealed record CallerProfile(Guid UserId, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<MembershipSummary> Memberships);

public sealed record MembershipSummary(Guid OrgId, string OrgName, OrgRole Role);

/// <summary>Reads the caller's own memberships across organisations.</summary>
public interface IMyMembershipsReader
{
    Task<IReadOnlyList<MembershipSummary>> ListAsync(Guid userId, CancellationToken cancellationToken);
}

public sealed class GetMeHandler(ICurrentUser user, IMyMembershipsReader memberships) : IQueryHandler<GetMe, CallerProfile>
{
    public async ValueTask<CallerProfile> Handle(GetMe query, CancellationToken cancellationToken) =>
        new(
            user.UserId,
            user.DisplayName,
            user.PlatformRole is { } platformRole ? [platformRole.Name()] : [],
            await memberships.ListAsync(user.UserId, cancellationToken));
}
