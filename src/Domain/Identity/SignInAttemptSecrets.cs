using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CleanLedger.Domain.Common;

namespace CleanLedger.Domain.Identity;

/// <summary>
/// The secrets of one sign-in attempt at the broker (authorization code flow, RFC 6749 and
/// RFC 7636): <c>state</c> names the attempt, <c>nonce</c> ties the ID token to it, and the
/// binding is the secret of the browser or app that started it (kept in its cookie). Each is 256
/// random bits, base64url; only their SHA-256 is stored. The PKCE verifier is derived from the
/// binding and the state, so it is stored nowhere: only the browser that started the attempt can
/// have its code redeemed.
/// </summary>
public static class SignInAttemptSecrets
{
    /// <summary>How long a person has between starting a sign-in and coming back with the code.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private const int RandomBytes = 32;

    /// <summary>The base64url length of <see cref="RandomBytes"/> bytes, unpadded.</summary>
    private const int EncodedLength = 43;

    /// <summary>Far above the 43 characters we issue; anything longer is not ours.</summary>
    public const int MaxLength = 200;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));

    /// <summary>Whether <paramref name="secret"/> has the shape <see cref="New"/> gives (a binding worth keeping).</summary>
    public static bool IsWellFormed(string? secret) =>
        secret is { Length: EncodedLength } && Base64Url.IsValid(secret, out var length) && length == RandomBytes;

    public static string Hash(string secret) => SecretHash.Of(secret);

    /// <summary>Whether <paramref name="presented"/> is the secret whose hash is <paramref name="storedHash"/>, in constant time.</summary>
    public static bool Matches(string? presented, string storedHash) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(storedHash));

    /// <summary>The PKCE code verifier of the attempt <paramref name="state"/> started by <paramref name="binding"/>: 43 base64url characters.</summary>
    public static string CodeVerifier(string binding, string state) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(binding), Encoding.UTF8.GetBytes(state)));

    /// <summary>The S256 code challenge of a verifier (RFC 7636 section 4.2).</summary>
    public static string CodeChallenge(string codeVerifier) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier)));
}
