using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CleanLedger.Api.Hosting;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Security;
using CleanLedger.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanLedger.Api.Tests.Identity;

/// <summary>
/// Our access tokens are taken only as issued: ES256 by a published key named by its kid, our
/// issuer and audience, within their lifetime give or take 30 seconds. Every forgery is 401.
/// </summary>
public sealed class TokenAttackTests(SqliteOwnTokenApiFactory factory) : IClassFixture<SqliteOwnTokenApiFactory>, IAsyncLifetime
{
    private readonly TestUser _user = TestUser.New("Astrid Attack");

    public async Task InitializeAsync() => await factory.SignInAsync(_user);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_token_signed_by_the_current_key_with_our_claims_is_accepted() =>
        (await factory.MeStatusAsync(await SignedAsync(_ => { }))).ShouldBe(HttpStatusCode.OK);

    [Fact]
    public async Task Alg_none_is_refused()
    {
        var unsigned = $"{Segment(new { alg = "none", typ = "JWT", kid = (await factory.CurrentKeyAsync()).Kid })}.{Segment(Claims())}.";

        (await factory.MeStatusAsync(unsigned)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("jwk")]
    [InlineData("spki")]
    public async Task HS256_with_our_public_key_as_the_secret_is_refused(string publicKeyForm)
    {
        var key = await factory.CurrentKeyAsync();
        var secret = publicKeyForm == "jwk" ? Encoding.UTF8.GetBytes(key.PublicJwk) : PublicKeyDer(key.PrivateKeyPkcs8);
        var forged = Create(Claims(), new SigningCredentials(new SymmetricSecurityKey(secret) { KeyId = key.Kid }, SecurityAlgorithms.HmacSha256));

        (await factory.MeStatusAsync(forged)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_token_is_refused() =>
        (await factory.MeStatusAsync(await SignedAsync(token =>
        {
            token.IssuedAt = token.NotBefore = DateTime.UtcNow.AddMinutes(-20);
            token.Expires = DateTime.UtcNow.AddMinutes(-5);
        }))).ShouldBe(HttpStatusCode.Unauthorized);

    [Fact]
    public async Task A_token_not_yet_valid_is_refused() =>
        (await factory.MeStatusAsync(await SignedAsync(token =>
        {
            token.NotBefore = DateTime.UtcNow.AddMinutes(5);
            token.Expires = DateTime.UtcNow.AddMinutes(20);
        }))).ShouldBe(HttpStatusCode.Unauthorized);

    [Fact]
    public async Task A_token_for_another_audience_is_refused() =>
        (await factory.MeStatusAsync(await SignedAsync(token => token.Audience = "another-api"))).ShouldBe(HttpStatusCode.Unauthorized);

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("cleanledger-local")]
    public async Task A_token_of_another_issuer_signed_by_our_key_is_refused(string issuer) =>
        (await factory.MeStatusAsync(await SignedAsync(token => token.Issuer = issuer))).ShouldBe(HttpStatusCode.Unauthorized);

    [Fact]
    public async Task A_token_of_our_issuer_signed_by_the_development_key_is_refused()
    {
        var devKey = DevTokens.SigningKey(Auth(), factory.Services.GetRequiredService<IHostEnvironment>())!;

        var forged = Create(Claims(), new SigningCredentials(devKey, SecurityAlgorithms.HmacSha256));

        (await factory.MeStatusAsync(forged)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_key_we_never_published_is_refused_whatever_kid_it_claims(bool claimsCurrentKid)
    {
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = claimsCurrentKid ? (await factory.CurrentKeyAsync()).Kid : "unknown-kid";

        var forged = Create(Claims(), new SigningCredentials(new ECDsaSecurityKey(stranger) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256));

        (await factory.MeStatusAsync(forged)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_tampered_payload_is_refused()
    {
        var parts = (await SignedAsync(_ => { })).Split('.');
        var claims = JsonSerializer.Deserialize<Dictionary<string, object>>(Base64UrlEncoder.Decode(parts[1]))!;
        claims[PrincipalMapping.SubjectClaim] = Guid.NewGuid().ToString();

        var tampered = $"{parts[0]}.{Segment(claims)}.{parts[2]}";

        (await factory.MeStatusAsync(tampered)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<string> SignedAsync(Action<SecurityTokenDescriptor> change)
    {
        var key = await factory.CurrentKeyAsync();
        var descriptor = Descriptor(key.SigningCredentials());
        change(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private string Create(Dictionary<string, object> claims, SigningCredentials credentials)
    {
        var descriptor = Descriptor(credentials);
        descriptor.Claims = claims;
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private SecurityTokenDescriptor Descriptor(SigningCredentials credentials) => new()
    {
        Issuer = Auth().Issuer,
        Audience = Auth().Audience,
        Subject = new ClaimsIdentity([new Claim(PrincipalMapping.SubjectClaim, _user.Id.ToString()), new Claim(PrincipalMapping.NameClaim, _user.Name)]),
        IssuedAt = DateTime.UtcNow,
        NotBefore = DateTime.UtcNow,
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = credentials,
    };

    private Dictionary<string, object> Claims() => new()
    {
        ["iss"] = Auth().Issuer!,
        ["aud"] = Auth().Audience,
        [PrincipalMapping.SubjectClaim] = _user.Id.ToString(),
        ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["nbf"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["exp"] = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds(),
    };

    private AuthOptions Auth() => factory.Services.GetRequiredService<IConfiguration>().GetSection(AuthOptions.Section).Get<AuthOptions>()!;

    private static string Segment(object value) => Base64UrlEncoder.Encode(JsonSerializer.Serialize(value));

    private static byte[] PublicKeyDer(byte[] pkcs8)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return ecdsa.ExportSubjectPublicKeyInfo();
    }
}
