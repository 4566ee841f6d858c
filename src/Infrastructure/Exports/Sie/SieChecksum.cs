namespace CleanLedger.Infrastructure.Exports.Sie;

/// <summary>
/// #KSUMMA (SIE 4B chapter 10): CRC-32 (reflected 0xEDB88320, init and final XOR 0xFFFFFFFF) over
/// the CP437 bytes of every record's label and field contents between the opening #KSUMMA and the
/// closing one — no separators, delimiting quotes, braces or line ends; an escaped quote counts as
/// the quote alone. Written as an unsigned decimal.
/// </summary>
public sealed class SieChecksum
{
    private static readonly uint[] Table = BuildTable();
    private uint _crc = 0xFFFFFFFF;

    public uint Value => _crc ^ 0xFFFFFFFF;

    public void Add(ReadOnlySpan<byte> bytes)
    {
        foreach (var value in bytes)
            _crc = Table[(_crc ^ value) & 0xFF] ^ (_crc >> 8);
    }

    /// <summary>Adds one parsed record: its label, then each field's content, object lists flattened.</summary>
    public void Add(SieRecord record)
    {
        Add(SieEncoding.Pc8.GetBytes(record.Label));
        foreach (var field in record.Fields)
        {
            if (field.Objects is { } objects)
            {
                foreach (var item in objects)
                    Add(SieEncoding.Pc8.GetBytes(item));
            }
            else
            {
                Add(SieEncoding.Pc8.GetBytes(field.Text));
            }
        }
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var bit = 0; bit < 8; bit++)
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[i] = c;
        }

        return table;
    }
}
