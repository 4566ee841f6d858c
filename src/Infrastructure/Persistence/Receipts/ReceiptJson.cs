using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanLedger.Infrastructure.Persistence.Receipts;

/// <summary>How the pipeline's findings are stored in their text columns: camelCase, enums by name.</summary>
internal static class ReceiptJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string? Write<T>(T? value) => value is null ? null : JsonSerializer.Serialize(value, Options);

    public static T? Read<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Options);
}
