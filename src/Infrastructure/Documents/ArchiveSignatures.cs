using System.Buffers.Binary;

namespace CleanLedger.Infrastructure.Documents;

/// <summary>
/// Finds an archive hidden anywhere in a file: a ZIP local file header or end-of-central-directory
/// record, a RAR or 7-Zip signature. Archive tools look for these wherever they are (ZIP readers
/// from the end, RAR and 7-Zip readers scan for them), so a receipt that carries one is also an
/// archive. The ZIP records are checked field by field, so that four bytes that happen to spell
/// "PK\3\4" in a photo's compressed data are not taken for one.
/// </summary>
/// <remarks>
/// gzip is not looked for inside a file: its readers only read it from the first byte (a file that
/// starts with it is no accepted type), and its three-byte signature occurs by chance in compressed
/// image data.
/// </remarks>
internal static class ArchiveSignatures
{
    private const int ZipLocalHeaderBytes = 30;
    private const int ZipEndRecordBytes = 22;
    private const int MaxZipNameBytes = 1024;

    /// <summary>The highest "version needed to extract" PKWARE has defined (6.3).</summary>
    private const int MaxZipVersion = 63;

    /// <summary>Stored, deflated and the other methods of PKWARE's list; above this nothing is defined.</summary>
    private const int MaxZipMethod = 99;

    private static readonly byte[] ZipLocalHeader = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] ZipEndRecord = [0x50, 0x4B, 0x05, 0x06];
    private static readonly byte[] Rar = [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07];
    private static readonly byte[] SevenZip = [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C];

    /// <summary>The kind of archive found ("ZIP", "RAR", "7-Zip"), or null.</summary>
    public static string? Find(byte[] content)
    {
        if (Occurrences(content, ZipLocalHeader).Any(at => IsZipLocalHeader(content, at))
            || Occurrences(content, ZipEndRecord).Any(at => IsZipEndRecord(content, at)))
            return "ZIP";
        if (Occurrences(content, Rar).Any(at => IsRar(content, at)))
            return "RAR";
        return content.AsSpan().IndexOf(SevenZip) >= 0 ? "7-Zip" : null;
    }

    private static bool IsZipLocalHeader(ReadOnlySpan<byte> content, int at)
    {
        if (at + ZipLocalHeaderBytes > content.Length)
            return false;
        var header = content[at..];
        var version = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]) & 0xFF;
        var method = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[26..]);
        if (version > MaxZipVersion || method > MaxZipMethod || nameLength is 0 or > MaxZipNameBytes || at + ZipLocalHeaderBytes + nameLength > content.Length)
            return false;
        // A file name has no control characters.
        return !header.Slice(ZipLocalHeaderBytes, nameLength).ContainsAnyInRange((byte)0x00, (byte)0x1F);
    }

    // Single-disk archives (all that readers open): disk numbers zero, this disk's entries all of them,
    // room for the directory before the record (readers find it there even when bytes were prepended and the offset is off).
    private static bool IsZipEndRecord(ReadOnlySpan<byte> content, int at)
    {
        if (at + ZipEndRecordBytes > content.Length)
            return false;
        var record = content[at..];
        var directorySize = BinaryPrimitives.ReadUInt32LittleEndian(record[12..]);
        return BinaryPrimitives.ReadUInt16LittleEndian(record[4..]) == 0
            && BinaryPrimitives.ReadUInt16LittleEndian(record[6..]) == 0
            && BinaryPrimitives.ReadUInt16LittleEndian(record[8..]) == BinaryPrimitives.ReadUInt16LittleEndian(record[10..])
            && directorySize <= at
            && at + ZipEndRecordBytes + BinaryPrimitives.ReadUInt16LittleEndian(record[20..]) <= content.Length;
    }

    // RAR 4 ("Rar!\x1A\x07\x00") and RAR 5 ("Rar!\x1A\x07\x01\x00").
    private static bool IsRar(ReadOnlySpan<byte> content, int at) =>
        content[(at + Rar.Length)..] is [0x00, ..] or [0x01, 0x00, ..];

    private static List<int> Occurrences(byte[] content, byte[] signature)
    {
        var found = new List<int>();
        for (var from = 0; from < content.Length;)
        {
            var next = content.AsSpan(from).IndexOf(signature);
            if (next < 0)
                break;
            found.Add(from + next);
            from += next + 1;
        }

        return found;
    }
}
