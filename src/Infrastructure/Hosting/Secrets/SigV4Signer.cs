using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CleanLedger.Infrastructure.Hosting.Secrets;

/// <summary>
/// A request as Signature Version 4 reads it: the path and the query unencoded, every header
/// that is signed (Host and X-Amz-Date among them) with the value as sent, and the body.
/// </summary>
public sealed record SignableRequest(
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte> Body);

/// <summary>The parts of a signature, kept so that a verifier and the test vectors can compare each.</summary>
public sealed record SigV4Signature(string Scope, string SignedHeaders, string CanonicalRequest, string StringToSign, string Signature)
{
    public string Authorization(string accessKeyId) =>
        $"{SigV4Signer.Algorithm} Credential={accessKeyId}/{Scope}, SignedHeaders={SignedHeaders}, Signature={Signature}";
}

/// <summary>
/// AWS Signature Version 4 (HMAC-SHA256): canonical request, string to sign, a signing key derived
/// from the secret key for one day, region and service. Checked against AWS's published test suite.
/// </summary>
public static class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string DateHeader = "X-Amz-Date";
    public const string SecurityTokenHeader = "X-Amz-Security-Token";
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";
    private const string ScopeTerminator = "aws4_request";
    private const int ScopeDateLength = 8;

    public static string FormatDate(DateTimeOffset instant) => instant.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Signs all of <paramref name="request"/>'s headers; the scope's day is its X-Amz-Date's.</summary>
    public static SigV4Signature Sign(SignableRequest request, string secretAccessKey, string region, string service)
    {
        var headers = request.Headers
            .GroupBy(header => header.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => (Name: group.Key, Value: string.Join(',', group.Select(header => TrimmedValue(header.Value)))))
            .ToList();
        var amzDate = headers.FirstOrDefault(header => header.Name.Equals(DateHeader, StringComparison.OrdinalIgnoreCase)).Value
            ?? throw new ArgumentException($"A signed request carries {DateHeader}.", nameof(request));
        var day = amzDate[..ScopeDateLength];
        var scope = $"{day}/{region}/{service}/{ScopeTerminator}";
        var signedHeaders = string.Join(';', headers.Select(header => header.Name));

        var canonicalRequest = string.Join('\n',
            request.Method.ToUpperInvariant(),
            CanonicalPath(request.Path),
            CanonicalQuery(request.Query),
            string.Concat(headers.Select(header => $"{header.Name}:{header.Value}\n")),
            signedHeaders,
            Hex(SHA256.HashData(request.Body.Span)));
        var stringToSign = string.Join('\n', Algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), day);
        foreach (var part in new[] { region, service, ScopeTerminator })
            key = Hmac(key, part);
        return new SigV4Signature(scope, signedHeaders, canonicalRequest, stringToSign, Hex(Hmac(key, stringToSign)));
    }

    private static string CanonicalPath(string path) =>
        path.Length == 0 ? "/" : string.Join('/', path.Split('/').Select(UriEncode));

    private static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> query) =>
        string.Join('&', query
            .Select(parameter => (Name: UriEncode(parameter.Key), Value: UriEncode(parameter.Value)))
            .OrderBy(parameter => parameter.Name, StringComparer.Ordinal)
            .ThenBy(parameter => parameter.Value, StringComparer.Ordinal)
            .Select(parameter => $"{parameter.Name}={parameter.Value}"));

    /// <summary>Leading and trailing spaces dropped, each run of spaces inside made one.</summary>
    private static string TrimmedValue(string value) =>
        string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>RFC 3986: the unreserved characters stay, every other UTF-8 byte is %XX in upper case.</summary>
    private static string UriEncode(string value)
    {
        var encoded = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
                encoded.Append((char)b);
            else
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return encoded.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
