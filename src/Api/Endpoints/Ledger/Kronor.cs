using System.Text.Json;
using System.Text.Json.Serialization;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger.Verifications;

namespace CleanLedger.Api.Endpoints.Ledger;

/// <summary>
/// An amount in a request: kronor as a decimal string ("1234.50") or a JSON number (1234.5), at most
/// two decimals, held exactly as öre, no larger than a verification's ceiling
/// (<see cref="VerificationLimits.MaxGrossOre"/>). Anything else is a 400 naming the field.
/// </summary>
[JsonConverter(typeof(KronorJsonConverter))]
public readonly record struct Kronor(long Ore)
{
    public override string ToString() => Money.FormatKronor(Ore);
}

public sealed class KronorJsonConverter : JsonConverter<Kronor>
{
    public override Kronor Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var ok = reader.TokenType switch
        {
            JsonTokenType.String => Money.TryParseKronor(reader.GetString(), out var fromText) ? fromText : (long?)null,
            JsonTokenType.Number when reader.TryGetDecimal(out var number) && Money.TryFromKronor(number, out var fromNumber) => fromNumber,
            _ => null,
        };
        return ok is { } ore && Math.Abs(ore) <= VerificationLimits.MaxGrossOre
            ? new Kronor(ore)
            : throw new JsonException($"An amount is kronor with at most two decimals, as \"1234.50\" or 1234.5, and at most {Money.FormatKronor(VerificationLimits.MaxGrossOre)} kr.");
    }

    public override void Write(Utf8JsonWriter writer, Kronor value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
