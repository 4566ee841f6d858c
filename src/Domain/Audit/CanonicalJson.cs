using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CleanLedger.Domain.Audit;

/// <summary>
/// One spelling per JSON value, so a hash over it can be recomputed by anyone (docs/adr/0020):
/// no whitespace; object members sorted by name in ordinal UTF-16 order; strings escape only
/// '"', '\', and control characters below U+0020 (\b \t \n \f \r, otherwise \u00xx), everything
/// else written as itself in UTF-8; numbers, true, false and null exactly as written.
/// </summary>
public static class CanonicalJson
{
    public static string Of(string json)
    {
        using var document = JsonDocument.Parse(json);
        var text = new StringBuilder();
        Write(document.RootElement, text);
        return text.ToString();
    }

    /// <summary>A string value as the canonical form spells it, quotes included.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2);
        WriteString(value, text);
        return text.ToString();
    }

    private static void Write(JsonElement element, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var member in element.EnumerateObject().OrderBy(member => member.Name, StringComparer.Ordinal))
                {
                    if (!first)
                        text.Append(',');
                    first = false;
                    WriteString(member.Name, text);
                    text.Append(':');
                    Write(member.Value, text);
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (index++ > 0)
                        text.Append(',');
                    Write(item, text);
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, text);
                break;
            default:
                text.Append(element.GetRawText());
                break;
        }
    }

    private static void WriteString(string value, StringBuilder text)
    {
        text.Append('"');
        foreach (var character in value)
        {
            switch (character)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\t': text.Append("\\t"); break;
                case '\n': text.Append("\\n"); break;
                case '\f': text.Append("\\f"); break;
                case '\r': text.Append("\\r"); break;
                case < ' ': text.Append("\\u").Append(((int)character).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(character); break;
            }
        }

        text.Append('"');
    }
}
