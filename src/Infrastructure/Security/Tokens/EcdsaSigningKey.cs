using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace CleanLedger.Infrastructure.Security.Tokens;

/// <summary>
/// One of our ES256 signing keys (P-256: small keys and signatures, and no padding choices to get
/// wrong). The kid is random: it names the key and says nothing about it.
/// </summary>
public sealed record EcdsaSigningKey(string Kid, string PublicJwk, byte[] PrivateKeyPkcs8, DateTimeOffset CreatedAt)
{
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;

    private const int KidBytes = 16;

    public static EcdsaSigningKey Generate(DateTimeOffset now)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(KidBytes));
        var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        var jwk = new Dictionary<string, string>
        {
            ["kty"] = JsonWebAlgorithmsKeyTypes.EllipticCurve,
            ["crv"] = JsonWebKeyECTypes.P256,
            ["x"] = Base64UrlEncoder.Encode(parameters.Q.X),
            ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y),
            ["kid"] = kid,
            ["use"] = JsonWebKeyUseNames.Sig,
            ["alg"] = SecurityAlgorithms.EcdsaSha256,
        };
        return new EcdsaSigningKey(kid, JsonSerializer.Serialize(jwk), ecdsa.ExportPkcs8PrivateKey(), now);
    }

    /// <summary>The key that signs: the caller disposes of nothing; the ECDsa lives as long as the credentials.</summary>
    public SigningCredentials SigningCredentials()
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(PrivateKeyPkcs8, out _);
        return new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = Kid }, Algorithm);
    }
}
