using System.Text;

namespace CleanLedger.Infrastructure.Exports.Sie;

/// <summary>One field: text, or an object list <c>{dim obj …}</c> (then <see cref="Objects"/> holds its items).</summary>
public sealed record SieField(string Text, IReadOnlyList<string>? Objects = null);

/// <summary>
/// One SIE line: a label and its fields, split by spaces or TABs; a field may be quoted (a quote
/// inside written <c>\"</c>); an object list is one field in braces (SIE 4B 5.3–5.7, 8.21).
/// </summary>
public sealed record SieRecord(string Label, IReadOnlyList<SieField> Fields)
{
    public static SieRecord? Parse(string line)
    {
        var position = 0;
        var tokens = new List<SieField>();
        while (NextToken(line, ref position) is { } token)
            tokens.Add(token);
        return tokens.Count == 0 || !tokens[0].Text.StartsWith('#') ? null : new SieRecord(tokens[0].Text, tokens[1..]);
    }

    private static SieField? NextToken(string line, ref int position)
    {
        while (position < line.Length && line[position] is ' ' or '\t')
            position++;
        if (position >= line.Length)
            return null;
        if (line[position] != '{')
            return new SieField(ReadText(line, ref position));

        position++;
        var items = new List<string>();
        while (true)
        {
            while (position < line.Length && line[position] is ' ' or '\t')
                position++;
            if (position >= line.Length || line[position] == '}')
            {
                position++;
                return new SieField("", items);
            }

            items.Add(ReadText(line, ref position, stopAtBrace: true));
        }
    }

    private static string ReadText(string line, ref int position, bool stopAtBrace = false)
    {
        var text = new StringBuilder();
        if (line[position] == '"')
        {
            position++;
            while (position < line.Length && line[position] != '"')
            {
                if (line[position] == '\\' && position + 1 < line.Length && line[position + 1] == '"')
                    position++;
                text.Append(line[position++]);
            }

            position++;
            return text.ToString();
        }

        while (position < line.Length && line[position] is not (' ' or '\t') && !(stopAtBrace && line[position] == '}'))
            text.Append(line[position++]);
        return text.ToString();
    }
}
