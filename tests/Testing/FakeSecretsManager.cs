using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CleanLedger.Infrastructure.Hosting.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanLedger.Testing;

/// <summary>
/// Secrets Manager's JSON API on a loopback port: <c>GetSecretValue</c> for the secrets it holds,
/// answered only to a request whose Signature Version 4 it recomputes with the one key pair it
/// knows, dated within five minutes, as the service does.
/// </summary>
public sealed class FakeSecretsManager : IAsyncDisposable
{
    public const string AccessKeyId = "AKIDCLEANLEDGERFAKE";
    public const string SecretAccessKey = "fake/secret+access/key/for/the/loopback/service";
    public const string Region = "eu-north-1";

    /// <summary>How far a request's X-Amz-Date may be from the service's clock.</summary>
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    /// <summary>Headers the service requires to be signed, besides the security token when one is sent.</summary>
    private static readonly string[] RequiredSignedHeaders = ["content-type", "host", "x-amz-date", "x-amz-target"];

    private readonly ConcurrentDictionary<string, string> _secrets = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private int _served;
    private int _refused;

    private FakeSecretsManager(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Requests answered with a secret.</summary>
    public int Served => Volatile.Read(ref _served);

    /// <summary>Requests refused (a bad signature, an unknown key or secret, an outage).</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>While true, every request answers 500 InternalServiceError.</summary>
    public bool Unavailable { get; set; }

    public static async Task<FakeSecretsManager> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var fake = new FakeSecretsManager(builder.Build());
        fake._app.MapPost("/", (Func<HttpContext, Task<IResult>>)fake.AnswerAsync);
        await fake._app.StartAsync();
        var address = fake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.Endpoint = new Uri(address + "/");
        return fake;
    }

    /// <summary>Creates the secret or puts a new current version of it (what a rotation does).</summary>
    public void Put(string name, string secretString) => _secrets[name] = secretString;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();

        if (Unavailable)
            return Refuse(HttpStatusCode.InternalServerError, "InternalServiceError", "The service is unavailable.");
        if (request.Headers[SecretsManagerClient.TargetHeader] != SecretsManagerClient.GetSecretValueTarget)
            return Refuse(HttpStatusCode.BadRequest, "UnknownOperationException", "The target is not an operation of this service.");
        if (request.ContentType != SecretsManagerClient.JsonContentType)
            return Refuse(HttpStatusCode.BadRequest, "SerializationException", "The content type is not application/x-amz-json-1.1.");
        if (SignatureProblem(request, body) is { } problem)
            return problem;

        using var input = JsonDocument.Parse(body);
        var secretId = input.RootElement.GetProperty("SecretId").GetString()!;
        if (!_secrets.TryGetValue(secretId, out var secretString))
            return Refuse(HttpStatusCode.BadRequest, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");

        Interlocked.Increment(ref _served);
        return Results.Text(
            JsonSerializer.Serialize(new
            {
                ARN = $"arn:aws:secretsmanager:{Region}:123456789012:secret:{secretId}-AbCdEf",
                Name = secretId,
                SecretString = secretString,
                VersionId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secretString)))[..32],
                VersionStages = new[] { "AWSCURRENT" },
                CreatedDate = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            }),
            SecretsManagerClient.JsonContentType);
    }

    private IResult? SignatureProblem(HttpRequest request, byte[] body)
    {
        var authorization = Authorization.Parse(request.Headers.Authorization.ToString());
        if (authorization is null)
            return Refuse(HttpStatusCode.BadRequest, "IncompleteSignatureException", "Authorization header requires Credential, SignedHeaders and Signature.");
        if (authorization.AccessKeyId != AccessKeyId)
            return Refuse(HttpStatusCode.Forbidden, "UnrecognizedClientException", "The security token included in the request is invalid.");

        var signedNames = authorization.SignedHeaders.Split(';');
        var missing = RequiredSignedHeaders.Where(name => !signedNames.Contains(name)).ToList();
        if (request.Headers.ContainsKey(SigV4Signer.SecurityTokenHeader) && !signedNames.Contains(SigV4Signer.SecurityTokenHeader.ToLowerInvariant()))
            missing.Add(SigV4Signer.SecurityTokenHeader.ToLowerInvariant());
        if (missing.Count > 0)
            return Refuse(HttpStatusCode.Forbidden, "InvalidSignatureException", $"The request must sign {string.Join(", ", missing)}.");

        if (!DateTimeOffset.TryParseExact(request.Headers[SigV4Signer.DateHeader].ToString(), SigV4Signer.DateFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
            return Refuse(HttpStatusCode.Forbidden, "InvalidSignatureException", "X-Amz-Date is missing or malformed.");
        if ((DateTimeOffset.UtcNow - signedAt).Duration() > AllowedSkew)
            return Refuse(HttpStatusCode.Forbidden, "InvalidSignatureException", $"Signature expired: {SigV4Signer.FormatDate(signedAt)} is more than 5 minutes from the service's time.");

        var headers = signedNames
            .SelectMany(name => request.Headers[name].Select(value => new KeyValuePair<string, string>(name, value ?? "")))
            .ToList();
        var query = request.Query.SelectMany(parameter => parameter.Value.Select(value => new KeyValuePair<string, string>(parameter.Key, value ?? ""))).ToList();
        var expected = SigV4Signer.Sign(new SignableRequest(request.Method, request.Path.Value ?? "/", query, headers, body), SecretAccessKey, Region, SecretsManagerClient.Service);
        var matches = expected.Scope == authorization.Scope
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected.Signature), Encoding.ASCII.GetBytes(authorization.Signature));
        return matches
            ? null
            : Refuse(HttpStatusCode.Forbidden, "InvalidSignatureException", "The request signature we calculated does not match the signature you provided.");
    }

    private IResult Refuse(HttpStatusCode status, string type, string message)
    {
        Interlocked.Increment(ref _refused);
        return Results.Text(JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = type, ["message"] = message }), SecretsManagerClient.JsonContentType, statusCode: (int)status);
    }

    /// <summary><c>AWS4-HMAC-SHA256 Credential=KEY/DAY/REGION/SERVICE/aws4_request, SignedHeaders=…, Signature=…</c>.</summary>
    private sealed record Authorization(string AccessKeyId, string Scope, string SignedHeaders, string Signature)
    {
        public static Authorization? Parse(string header)
        {
            var prefix = SigV4Signer.Algorithm + " ";
            if (!header.StartsWith(prefix, StringComparison.Ordinal))
                return null;
            var parts = header[prefix.Length..].Split(',', StringSplitOptions.TrimEntries)
                .Select(part => part.Split('=', 2))
                .Where(pair => pair.Length == 2)
                .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
            if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaders)
                || !parts.TryGetValue("Signature", out var signature) || credential.Split('/', 2) is not [var accessKeyId, var scope])
                return null;
            return new Authorization(accessKeyId, scope, signedHeaders, signature);
        }
    }
}
