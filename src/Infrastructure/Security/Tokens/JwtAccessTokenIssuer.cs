using System.Security.Claims;
using CleanLedger.Application.Audit;
using CleanLedger.Application.Identity.Tokens;
using CleanLedger.Application.Identity.Tokens.RotateSigningKeys;
using CleanLedger.Domain.Identity;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Persistence.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanLedger.Infrastructure.Security.Tokens;

/// <summary>
/// Our access token: a JWT signed with the current key, its kid in the header, issued by this Api
/// for its audience, the subject our user id. Organisation roles are never in it (docs/adr/0006).
/// </summary>
public sealed class JwtAccessTokenIssuer(SigningKeyRing keys, IPlatformAudit audit, IOptions<AuthOptions> auth, IOptions<TokenOptions> tokens)
    : IAccessTokenIssuer
{
    public async Task<string> IssueAsync(Guid userId, string displayName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = await keys.CurrentAsync(cancellationToken) ?? await FirstKeyAsync(now, cancellationToken);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Value.Issuer,
            Audience = auth.Value.Audience,
            Subject = new ClaimsIdentity([new Claim(PrincipalMapping.SubjectClaim, userId.ToString()), new Claim(PrincipalMapping.NameClaim, displayName)]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + tokens.Value.AccessTokenLifetime).UtcDateTime,
            SigningCredentials = key.SigningCredentials(),
        });
    }

    /// <summary>
    /// The very first token makes the first key, current at once (no token exists that a validator
    /// could meet unannounced); of concurrent first tokens one key is kept and all sign with it.
    /// </summary>
    private async Task<EcdsaSigningKey> FirstKeyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var kid = await keys.CreateAsync(SigningKeyState.Current, now, cancellationToken);
        var key = await keys.CurrentAsync(cancellationToken) ?? throw new InvalidOperationException("The first signing key was not kept.");
        if (key.Kid == kid)
            await audit.RecordAsync(RotateSigningKeysHandler.KeyCreated, kid, new { state = SigningKeyState.Current }, cancellationToken);
        return key;
    }
}
