using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanLedger.Api.Hosting;

/// <summary>
/// Enums as strings in the contract's spelling (<see cref="JsonStringEnumConverter"/>), whose
/// refusal of an unknown value says which values are allowed: "'Vat30' is not a value of VatCode: use
/// one of none, vat25, vat12, …" instead of "could not be converted".
/// </summary>
/// <param name="naming">How the contract spells the values.</param>
/// <param name="only">The one enum this spelling is for; every enum when not given.</param>
public sealed class AllowedValuesEnumConverter(JsonNamingPolicy naming, Type? only = null) : JsonConverterFactory
{
    private readonly JsonStringEnumConverter _strings = new(naming, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum && (only is null || typeToConvert == only);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(
            typeof(Listing<>).MakeGenericType(typeToConvert),
            _strings.CreateConverter(typeToConvert, options),
            string.Join(", ", Enum.GetNames(typeToConvert).Select(naming.ConvertName)))!;

    private sealed class Listing<TEnum>(JsonConverter strings, string allowed) : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        private readonly JsonConverter<TEnum> _strings = (JsonConverter<TEnum>)strings;

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var sent = reader.TokenType == JsonTokenType.String ? $"'{reader.GetString()}'" : $"A JSON {reader.TokenType.ToString().ToLowerInvariant()}";
            try
            {
                return _strings.Read(ref reader, typeToConvert, options);
            }
            catch (JsonException)
            {
                throw new JsonException($"{sent} is not a value of {typeof(TEnum).Name}: use one of {allowed}.");
            }
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => _strings.Write(writer, value, options);

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            _strings.ReadAsPropertyName(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            _strings.WriteAsPropertyName(writer, value, options);
    }
}
