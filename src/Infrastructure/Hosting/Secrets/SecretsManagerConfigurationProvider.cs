using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace CleanLedger.Infrastructure.Hosting.Secrets;

/// <summary>Adds the secrets named in <see cref="SecretsOptions.Names"/> to configuration.</summary>
public sealed class SecretsManagerConfigurationSource(SecretsOptions options, AwsCredentials credentials, TimeProvider clock) : IConfigurationSource
{
    /// <summary>A slow endpoint delays start-up and a reload by at most this per secret.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    public IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        var http = new HttpClient { Timeout = RequestTimeout };
        var client = new SecretsManagerClient(http, options.EndpointUri, options.Region, credentials, clock);
        return new SecretsManagerConfigurationProvider(client, options.Names, options.ReloadInterval, http);
    }
}

/// <summary>
/// Each secret's SecretString is a JSON object of settings: nested objects and flat keys alike
/// (<c>{"Auth": {"ClientSecret": "…"}}</c> and <c>{"Auth:ClientSecret": "…"}</c> are the same
/// setting), arrays by index. <see cref="Load"/> reads them at start-up and fails it when one cannot
/// be read; <see cref="ReloadAsync"/> replaces all of them at once, or none, and raises the reload
/// token when something changed, so <c>IOptionsMonitor</c> sees a rotated value.
/// </summary>
public sealed class SecretsManagerConfigurationProvider(
    SecretsManagerClient client,
    IReadOnlyList<string> names,
    TimeSpan reloadInterval,
    IDisposable? connection = null) : ConfigurationProvider, IDisposable
{
    public TimeSpan ReloadInterval => reloadInterval;

    public override void Load()
    {
        try
        {
            Data = ReadAllAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (SecretsManagerException e)
        {
            throw new InvalidOperationException($"CleanLedger cannot read its secrets from Secrets Manager at start-up: {e.Message}", e);
        }
    }

    /// <summary>Reads every secret again; on a failure the last good values stay and the exception tells why.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var fresh = await ReadAllAsync(cancellationToken);
        if (fresh.Count == Data.Count && fresh.All(setting => Data.TryGetValue(setting.Key, out var value) && value == setting.Value))
            return;
        Data = fresh;
        OnReload();
    }

    public void Dispose() => connection?.Dispose();

    private async Task<Dictionary<string, string?>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var setBy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            var secret = await client.GetSecretStringAsync(name, cancellationToken);
            foreach (var (key, value) in Settings(name, secret))
            {
                if (!setBy.TryAdd(key, name))
                    throw new SecretsManagerException($"secrets '{setBy[key]}' and '{name}' both set '{key}'; each setting has one source.");
                settings[key] = value;
            }
        }

        return settings;
    }

    private static List<KeyValuePair<string, string?>> Settings(string name, string secret)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(secret);
        }
        catch (JsonException)
        {
            // The parser's message quotes the text it stopped at, which is the secret.
            throw new SecretsManagerException($"secret '{name}' is not JSON; its SecretString must be a JSON object of settings.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new SecretsManagerException($"secret '{name}' is a JSON {document.RootElement.ValueKind}, not an object of settings.");
            var settings = new List<KeyValuePair<string, string?>>();
            Flatten(document.RootElement, prefix: null, settings);
            return settings;
        }
    }

    private static void Flatten(JsonElement element, string? prefix, List<KeyValuePair<string, string?>> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    Flatten(property.Value, ConfigurationPath.Combine(Parts(prefix, property.Name)), into);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                    Flatten(item, ConfigurationPath.Combine(Parts(prefix, (index++).ToString(System.Globalization.CultureInfo.InvariantCulture))), into);
                break;
            case JsonValueKind.String:
                into.Add(new(prefix!, element.GetString()));
                break;
            case JsonValueKind.Null:
                into.Add(new(prefix!, null));
                break;
            default:
                into.Add(new(prefix!, element.GetRawText()));
                break;
        }
    }

    private static string[] Parts(string? prefix, string name) => prefix is null ? [name] : [prefix, name];
}
