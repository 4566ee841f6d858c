using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CleanLedger.Testing;

/// <summary>
/// A Data Protection key ring as staging/production keep it: in a folder, encrypted with a
/// certificate (a self-signed one made here, in a temporary folder of its own).
/// </summary>
public static class TestKeyRing
{
    public static Dictionary<string, string?> Settings()
    {
        var folder = Directory.CreateTempSubdirectory("cleanledger-key-ring-").FullName;
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=CleanLedger key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var pfx = Path.Combine(folder, "key-ring.pfx");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pkcs12));
        return new Dictionary<string, string?>
        {
            ["Auth:Tokens:KeyRingPath"] = Path.Combine(folder, "ring"),
            ["Auth:Tokens:KeyRingCertificatePath"] = pfx,
        };
    }
}
