using System.Security.Claims;
using CleanLedger.Domain.Access;
using CleanLedger.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;

namespace CleanLedger.Admin.Hosting;

/// <summary>
/// Least privilege in the Admin: every page declares the platform permission it needs
/// (<see cref="RequiresPlatformPermissionAttribute"/>, or [AllowAnonymous] for signing in), the jobs
/// dashboard its own; one policy per permission checks the signed-in staff member's role. Anything
/// that declares nothing falls to a policy nobody meets: a forgotten declaration refuses everyone.
/// </summary>
public static class PlatformAuthorization
{
    public static string PolicyFor(PlatformPermissions permission) => $"platform:{permission}";

    public static bool Grants(this ClaimsPrincipal user, PlatformPermissions permission) =>
        PrincipalMapping.StaffRoleOf(user)?.Grants(permission) == true;

    public static IServiceCollection AddPlatformAuthorization(this IServiceCollection services)
    {
        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireAssertion(_ => false).Build());
        foreach (var permission in Enum.GetValues<PlatformPermissions>().Where(permission => permission != PlatformPermissions.None))
        {
            authorization.AddPolicy(PolicyFor(permission), policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.Grants(permission)));
        }

        return services;
    }
}

/// <summary>The platform permission a page needs; the signed-in staff member's role must grant it.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequiresPlatformPermissionAttribute(PlatformPermissions permission) : AuthorizeAttribute(PlatformAuthorization.PolicyFor(permission))
{
    public PlatformPermissions Permission { get; } = permission;
}
