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
    public static SieValue Amount(Int128 ore) => Token(Money.FormatKronor(ore));

    public static SieValue NoObjects { get; } = new("", Quoted: false, IsObjectList: true);
}

/// <summary>
/// Writes SIE records in CP437 with LF line ends in 48 kB chunks (nothing more is held), and keeps
/// the #KSUMMA checksum over what it writes. Call <see cref="FlushAsync"/> at the end.
/// </summary>
public sealed class SieWriter(Stream output)
{
    private readonly SieChecksum _checksum = new();
    // Lines gather in one chunk that is written when it passes the threshold; a line is at most
    // a few kB (text fields are capped at 500 characters), so the chunk never overflows.
    private const int WriteThreshold = 48 * 1024;
    private readonly byte[] _line = new byte[64 * 1024];
    private readonly byte[] _field = new byte[8 * 1024];
    private int _length;
    private bool _checksumOpen;

    public async Task RecordAsync(string label, IReadOnlyList<SieValue> fields, CancellationToken cancellationToken)
    {
        Append(label, countsTowardsChecksum: true);
        foreach (var field in fields)
        {
            Append(" ", countsTowardsChecksum: false);
            if (field.IsObjectList)
            {
                Append("{}", countsTowardsChecksum: false);
                continue;
            }

            if (!field.Quoted)
            {
                Append(field.Content, countsTowardsChecksum: true);
                continue;
            }

            var count = SieEncoding.Pc8.GetBytes(field.Content, _field);
            if (_checksumOpen)
                _checksum.Add(_field.AsSpan(0, count));
            _line[_length++] = (byte)'"';
            foreach (var value in _field.AsSpan(0, count))
            {
                if (value == (byte)'"')
                    _line[_length++] = (byte)'\\';
                _line[_length++] = value;
            }

            _line[_length++] = (byte)'"';
        }

        await EndLineAsync(cancellationToken);
    }

    public Task RecordAsync(string label, CancellationToken cancellationToken, params SieValue[] fields) => RecordAsync(label, fields, cancellationToken);

    /// <summary>The opening #KSUMMA: everything written after it counts towards the closing one.</summary>
    public async Task OpenChecksumAsync(CancellationToken cancellationToken)
    {
        Append("#KSUMMA", countsTowardsChecksum: false);
        await EndLineAsync(cancellationToken);
        _checksumOpen = true;
    }

    public async Task CloseChecksumAsync(CancellationToken cancellationToken)
    {
        _checksumOpen = false;
        Append($"#KSUMMA {_checksum.Value.ToString(CultureInfo.InvariantCulture)}", countsTowardsChecksum: false);
        await EndLineAsync(cancellationToken);
    }

    /// <summary>The braces around a verification's rows, each alone on its line (SIE 4B 5.4).</summary>
    public async Task BraceAsync(bool open, CancellationToken cancellationToken)
    {
        Append(open ? "{" : "}", countsTowardsChecksum: false);
        await EndLineAsync(cancellationToken);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await output.WriteAsync(_line.AsMemory(0, _length), cancellationToken);
        _length = 0;
        await output.FlushAsync(cancellationToken);
    }

    private void Append(string text, bool countsTowardsChecksum)
    {
        var count = SieEncoding.Pc8.GetBytes(text, _line.AsSpan(_length));
        if (countsTowardsChecksum && _checksumOpen)
            _checksum.Add(_line.AsSpan(_length, count));
        _length += count;
    }

    private async Task EndLineAsync(CancellationToken cancellationToken)
    {
        _line[_length++] = (byte)'\n';
        if (_length < WriteThreshold)
            return;
        await output.WriteAsync(_line.AsMemory(0, _length), cancellationToken);
        _length = 0;
    }
}
