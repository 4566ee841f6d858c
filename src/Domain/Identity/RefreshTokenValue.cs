using System.Buffers.Text;
using System.Security.Cryptography;
using CleanLedger.Domain.Common;

namespace CleanLedger.Domain.Identity;

/// <summary>
/// An opaque refresh token: 256 random bits, base64url. Only its SHA-256 is kept, so the table
/// holds nothing a reader could present; the token is high-entropy, so an unsalted hash is enough.
/// </summary>
public static class RefreshTokenValue
{
    private const int RandomBytes = 32;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));

    public static string Hash(string token) => SecretHash.Of(token);
}
