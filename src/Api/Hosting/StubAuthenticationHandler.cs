using System.Security.Claims;
using System.Text.Encodings.Web;
using CleanLedger.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CleanLedger.Api.Hosting;

/// <summary>Signs a request without credentials in as the stub user (local/test/ci only; start-up guards refuse it elsewhere).</summary>
public sealed class StubAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Stub";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(PrincipalMapping.SubjectClaim, StubUser.Id.ToString()),
                new Claim(PrincipalMapping.NameClaim, StubUser.DisplayName),
            ],
            SchemeName,
            PrincipalMapping.NameClaim,
            PrincipalMapping.RoleClaim);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
