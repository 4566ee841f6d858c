using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CleanLedger.Domain.Access;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanLedger.Api.Hosting;

/// <summary>
/// JWTs signed with the development key, accepted in local/test/ci only. The key is
/// Auth:DevSigningKey when set (tests set a random one of their own); otherwise a random key made
/// on this machine's first run and kept in the file Auth:DevSigningKeyFile (./data, outside the
/// repository), so a token signed anywhere else is never accepted here.
/// </summary>
public static class DevTokens
{
    /// <summary>256 bits, what HMAC-SHA256 needs.</summary>
    private const int GeneratedKeyBytes = 32;

    /// <summary>The development key, or null where there is none (outside local/test/ci, or nothing configured).</summary>
    public static SymmetricSecurityKey? SigningKey(AuthOptions auth, IHostEnvironment environment)
    {
        if (!environment.AllowsDevelopmentShortcuts())
            return null;
        if (!string.IsNullOrWhiteSpace(auth.DevSigningKey))
            return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.DevSigningKey));
        return string.IsNullOrWhiteSpace(auth.DevSigningKeyFile)
            ? null
            : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(KeyKeptIn(auth.DevSigningKeyFile)));
    }

    public static string Create(AuthOptions auth, IHostEnvironment environment, Guid userId, string displayName, PlatformRole? platformRole, TimeSpan lifetime, DateTimeOffset now)
    {
        var key = SigningKey(auth, environment)
            ?? throw new InvalidOperationException("There is no development signing key: set Auth:DevSigningKey or Auth:DevSigningKeyFile (local/test/ci only).");
        var claims = new List<Claim>
        {
            new(PrincipalMapping.SubjectClaim, userId.ToString()),
            new(PrincipalMapping.NameClaim, displayName),
        };
        if (platformRole is { } role)
            claims.Add(new Claim(PrincipalMapping.RoleClaim, role.Name()));

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.DevIssuer,
            Audience = auth.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The key in <paramref name="path"/>, made there (readable by this user only) when the file does not exist yet.</summary>
    public static string KeyKeptIn(string path)
    {
        if (File.Exists(path))
            return File.ReadAllText(path).Trim();

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(GeneratedKeyBytes));
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var writer = new StreamWriter(path, Encoding.ASCII, options);
            writer.Write(key);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // The Api and the dev-token command started at once: the other one's key stands.
            return File.ReadAllText(path).Trim();
        }
    }
}
