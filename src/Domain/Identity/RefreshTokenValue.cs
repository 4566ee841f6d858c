using System.Security.Cryptography;
using System.Text;

namespace CleanLedger.Domain.Identity;

/// <summary>
/// An opaque refresh token: 256 random bits, base64url. Only its SHA-256 is kept, so the table
/// holds nothing a reader could present; the token is high-entropy, so an unsalted hash is enough.
/// </summary>
public static class RefreshTokenValue
{
    private const int RandomBytes = 32;

    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(RandomBytes));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
