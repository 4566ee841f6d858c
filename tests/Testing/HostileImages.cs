using System.Buffers.Binary;

namespace CleanLedger.Testing;

/// <summary>Images whose headers claim sizes their data does not have, or claim two sizes at once.</summary>
public static class HostileImages
{
    /// <summary>Pixel data is written only for images up to this size; larger claims come without their data.</summary>
    private const int MaxWrittenPixels = 1024 * 1024;

    /// <summary>
    /// An uncompressed grey TIFF whose first directory lists width and height once per pair in
    /// <paramref name="sizes"/>, in that order; its strip is as large as the last pair (and holds its
    /// pixels, when they are few).
    /// </summary>
    public static byte[] Tiff(params (int Width, int Height)[] sizes)
    {
        var (lastWidth, lastHeight) = sizes[^1];
        var stripBytes = (long)lastWidth * lastHeight;
        var pixels = (int)Math.Min(stripBytes, MaxWrittenPixels);
        var entries = new List<(ushort Tag, ushort Type, uint Value)>();
        foreach (var (width, height) in sizes)
        {
            entries.Add((256, 4, (uint)width));
            entries.Add((257, 4, (uint)height));
        }

        const int directory = 8;
        var stripOffset = directory + 2 + ((entries.Count + 7) * 12) + 4;
        entries.AddRange([(258, 3, 8), (259, 3, 1), (262, 3, 1), (273, 4, (uint)stripOffset), (277, 3, 1), (278, 4, (uint)lastHeight), (279, 4, (uint)stripBytes)]);
        var tiff = new byte[stripOffset + pixels];
        "II*\0"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), directory);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(directory), (ushort)entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var at = directory + 2 + (i * 12);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), entries[i].Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 2), entries[i].Type);
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 4), 1);
            if (entries[i].Type == 3)
                BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 8), (ushort)entries[i].Value);
            else
                BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 8), entries[i].Value);
        }

        Array.Fill(tiff, (byte)0xFF, stripOffset, pixels);
        return tiff;
    }

    /// <summary>The PNG with its IHDR claiming another size (the chunk's CRC recomputed, so decoders believe it).</summary>
    public static byte[] PngClaiming(byte[] png, int width, int height)
    {
        var claimed = (byte[])png.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(claimed.AsSpan(16), (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(claimed.AsSpan(20), (uint)height);
        BinaryPrimitives.WriteUInt32BigEndian(claimed.AsSpan(29), Crc32(claimed.AsSpan(12, 17)));
        return claimed;
    }

    /// <summary>The PNG with a second IHDR, claiming another size, right after the first.</summary>
    public static byte[] PngWithSecondHeader(byte[] png, int width, int height)
    {
        var second = PngClaiming(png, width, height)[8..33];
        return [.. png[..33], .. second, .. png[33..]];
    }

    /// <summary>The JPEG with its frame header (SOF) claiming another size.</summary>
    public static byte[] JpegClaiming(byte[] jpeg, int width, int height)
    {
        var claimed = (byte[])jpeg.Clone();
        var frame = StartOfFrame(claimed);
        BinaryPrimitives.WriteUInt16BigEndian(claimed.AsSpan(frame + 5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(claimed.AsSpan(frame + 7), (ushort)width);
        return claimed;
    }

    /// <summary>The JPEG with a copy of its frame header, claiming another size, before the real one.</summary>
    public static byte[] JpegWithSecondFrame(byte[] jpeg, int width, int height)
    {
        var frame = StartOfFrame(jpeg);
        var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(frame + 2));
        var copy = JpegClaiming(jpeg, width, height)[frame..(frame + 2 + length)];
        return [.. jpeg[..frame], .. copy, .. jpeg[frame..]];
    }

    /// <summary>Where the first SOF marker is (walking the segments from the start).</summary>
    private static int StartOfFrame(byte[] jpeg)
    {
        for (var at = 2; at + 4 < jpeg.Length; at += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2)))
        {
            if (jpeg[at + 1] is >= 0xC0 and <= 0xC3)
                return at;
        }

        throw new ArgumentException("No frame header before the scan.", nameof(jpeg));
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var value in bytes)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }

        return ~crc;
    }
}
