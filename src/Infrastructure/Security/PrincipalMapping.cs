using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CleanLedger.Application.Common.Security;
using CleanLedger.Domain.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Infrastructure.Security;

/// <summary>Turns an authenticated principal (JWT, stub or admin cookie) into the scope's <see cref="CurrentUser"/>.</summary>
public static class PrincipalMapping
{
    public const string SubjectClaim = "sub";
    public const string NameClaim = "name";
    public const string RoleClaim = "role";
    public const string PlatformAdminRole = "admin";

    /// <summary>After authentication: the request's principal becomes the scope's <see cref="CurrentUser"/>.</summary>
    public static IApplicationBuilder UseCurrentUser(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<CurrentUser>().SignIn(context.User);
            return next(context);
        });

    public static void SignIn(this CurrentUser user, ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirst(SubjectClaim) is not { } subject)
            return;

        var name = principal.FindFirst(NameClaim)?.Value ?? subject.Value;
        user.SignIn(UserIdFor(subject.Issuer, subject.Value), name, StaffRoleOf(principal));
    }

    /// <summary>The platform staff role the principal's role claims name (the highest), if any.</summary>
    public static PlatformRole? StaffRoleOf(ClaimsPrincipal principal) =>
        PlatformRoleNames.StaffRoleNamed(principal.FindAll(RoleClaim).Select(role => role.Value));

    /// <summary>
    /// A subject that is a UUID is the user id itself; any other subject (an OIDC broker's opaque
    /// id) maps to a stable name-based UUID of issuer and subject, so no lookup is needed per request.
    /// </summary>
    public static Guid UserIdFor(string issuer, string subject)
    {
        if (Guid.TryParse(subject, out var id))
            return id;

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{issuer}\n{subject}"), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8: custom, name-based
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
