using System.Globalization;
using CleanLedger.Domain.Common;

namespace CleanLedger.Infrastructure.Exports.Sie;

/// <summary>A field as written: quoted text, a bare token (numbers, dates, codes), or an empty object list.</summary>
public readonly record struct SieValue(string Content, bool Quoted, bool IsObjectList = false)
{
    public static SieValue Text(string text) => new(SieEncoding.Transliterate(text).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal), Quoted: true);

    public static SieValue Token(string token) => new(token, Quoted: false);

    public static SieValue Number(long value) => Token(value.ToString(CultureInfo.InvariantCulture));

    public static SieValue Date(DateOnly date) => Token(date.ToString("yyyyMMdd", CultureInfo.InvariantCulture));

    /// <summary>Öre as kronor with two decimals, debit positive, credit negative (SIE 4B 5.9).</summary>
    public static SieValue Amount(long ore) => Token(Money.FormatKronor(ore));

    public static SieValue NoObjects { get; } = new("", Quoted: false, IsObjectList: true);
}

/// <summary>
/// Writes SIE records in CP437 with LF line ends, straight to the output (nothing is held but the
/// current line), and keeps the #KSUMMA checksum over what it writes.
/// </summary>
public sealed class SieWriter(Stream output)
{
    private readonly SieChecksum _checksum = new();
    private readonly byte[] _newline = [(byte)'\n'];
    private bool _checksumOpen;

    public async Task RecordAsync(string label, IReadOnlyList<SieValue> fields, CancellationToken cancellationToken)
    {
        var line = new System.Text.StringBuilder(label);
        if (_checksumOpen)
            _checksum.Add(SieEncoding.Pc8.GetBytes(label));
        foreach (var field in fields)
        {
            line.Append(' ');
            if (field.IsObjectList)
            {
                line.Append("{}");
                continue;
            }

            line.Append(field.Quoted ? $"\"{field.Content.Replace("\"", "\\\"", StringComparison.Ordinal)}\"" : field.Content);
            if (_checksumOpen)
                _checksum.Add(SieEncoding.Pc8.GetBytes(field.Content));
        }

        await WriteLineAsync(line.ToString(), cancellationToken);
    }

    public Task RecordAsync(string label, CancellationToken cancellationToken, params SieValue[] fields) => RecordAsync(label, fields, cancellationToken);

    /// <summary>The opening #KSUMMA: everything written after it counts towards the closing one.</summary>
    public async Task OpenChecksumAsync(CancellationToken cancellationToken)
    {
        await WriteLineAsync("#KSUMMA", cancellationToken);
        _checksumOpen = true;
    }

    public async Task CloseChecksumAsync(CancellationToken cancellationToken)
    {
        _checksumOpen = false;
        await WriteLineAsync($"#KSUMMA {_checksum.Value.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
    }

    /// <summary>The braces around a verification's rows, each alone on its line (SIE 4B 5.4).</summary>
    public Task BraceAsync(bool open, CancellationToken cancellationToken) => WriteLineAsync(open ? "{" : "}", cancellationToken);

    private async Task WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        await output.WriteAsync(SieEncoding.Pc8.GetBytes(line), cancellationToken);
        await output.WriteAsync(_newline, cancellationToken);
    }
}
