using System.Security.Claims;
using System.Text;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanLedger.Api.Hosting;

/// <summary>JWTs signed with the local development key, accepted in local/test/ci only.</summary>
public static class DevTokens
{
    public static SymmetricSecurityKey SigningKey(AuthOptions auth) =>
        new(Encoding.UTF8.GetBytes(auth.DevSigningKey ?? throw new InvalidOperationException("Auth:DevSigningKey is not set.")));

    public static string Create(AuthOptions auth, Guid userId, string displayName, bool platformAdmin, TimeSpan lifetime, DateTimeOffset now)
    {
        var claims = new List<Claim>
        {
            new(PrincipalMapping.SubjectClaim, userId.ToString()),
            new(PrincipalMapping.NameClaim, displayName),
        };
        if (platformAdmin)
            claims.Add(new Claim(PrincipalMapping.RoleClaim, PrincipalMapping.PlatformAdminRole));

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.DevIssuer,
            Audience = auth.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKey(auth), SecurityAlgorithms.HmacSha256),
        });
    }
}
