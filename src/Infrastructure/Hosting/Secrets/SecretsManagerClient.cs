using System.Net.Http.Headers;
using System.Text.Json;

namespace CleanLedger.Infrastructure.Hosting.Secrets;

/// <summary>A secret could not be read. The message names the secret and the reason, never a value.</summary>
public sealed class SecretsManagerException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Secrets Manager's JSON API, signed with Signature Version 4: <c>GetSecretValue</c> only.
/// </summary>
public sealed class SecretsManagerClient(HttpClient http, Uri endpoint, string region, AwsCredentials credentials, TimeProvider clock)
{
    public const string Service = "secretsmanager";
    public const string JsonContentType = "application/x-amz-json-1.1";
    public const string TargetHeader = "X-Amz-Target";
    public const string GetSecretValueTarget = "secretsmanager.GetSecretValue";

    public Uri Endpoint => endpoint;

    /// <summary>The SecretString of <paramref name="secretId"/> (its current version).</summary>
    public async Task<string> GetSecretStringAsync(string secretId, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["SecretId"] = secretId });
        using var request = SignedRequest(body);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new SecretsManagerException($"secret '{secretId}' could not be read from {endpoint}: {Refusal((int)response.StatusCode, answer)}");
            return SecretString(secretId, answer);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new SecretsManagerException($"secret '{secretId}' could not be read: {endpoint} did not answer ({e.GetType().Name}).", e);
        }
    }

    private HttpRequestMessage SignedRequest(byte[] body)
    {
        List<KeyValuePair<string, string>> headers =
        [
            new("Host", endpoint.Authority),
            new("Content-Type", JsonContentType),
            new(SigV4Signer.DateHeader, SigV4Signer.FormatDate(clock.GetUtcNow())),
            new(TargetHeader, GetSecretValueTarget),
        ];
        if (credentials.SessionToken is { } token)
            headers.Add(new(SigV4Signer.SecurityTokenHeader, token));
        var signature = SigV4Signer.Sign(new SignableRequest("POST", endpoint.AbsolutePath, [], headers, body), credentials.SecretAccessKey, region, Service);

        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(JsonContentType);
        request.Headers.Host = endpoint.Authority;
        foreach (var header in headers.Where(header => header.Key is not ("Host" or "Content-Type")))
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization(credentials.AccessKeyId));
        return request;
    }

    private static string SecretString(string secretId, string answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("SecretString", out var value) && value.ValueKind == JsonValueKind.String)
                return value.GetString()!;
        }
        catch (JsonException e)
        {
            throw new SecretsManagerException($"secret '{secretId}': the answer is not JSON.", e);
        }

        throw new SecretsManagerException($"secret '{secretId}' has no SecretString (a binary secret is not read as settings).");
    }

    /// <summary>"ResourceNotFoundException (HTTP 400): …" from the service's error body (<c>__type</c>, <c>message</c>).</summary>
    private static string Refusal(int status, string answer)
    {
        string? type = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(answer);
            var properties = document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.EnumerateObject() : default;
            foreach (var property in properties)
            {
                if (property.Name == "__type" && property.Value.ValueKind == JsonValueKind.String)
                    type = property.Value.GetString()!.Split('#')[^1];
                else if (property.Name.Equals("message", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
                    message = property.Value.GetString();
            }
        }
        catch (JsonException)
        {
            // Not the service's JSON (a proxy's page): the status is all there is to tell.
        }

        return $"{type ?? "error"} (HTTP {status}){(message is null ? "" : ": " + message)}";
    }
}
