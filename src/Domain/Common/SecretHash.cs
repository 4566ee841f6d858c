using System.Security.Cryptography;
using System.Text;

namespace CleanLedger.Domain.Common;

/// <summary>
/// How a high-entropy secret we hand out (a refresh token, an invitation code) is kept: its SHA-256
/// as lower-case hex. The secret has full entropy, so a slow or salted hash would add nothing.
/// </summary>
public static class SecretHash
{
    public static string Of(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
