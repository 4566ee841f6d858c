using System.Buffers.Binary;
using System.Text;
using CleanLedger.Application.Documents;

namespace CleanLedger.Infrastructure.Documents;

/// <summary>
/// The sizes an image file declares, read from its headers through the whole file. A header that
/// says two things (a second PNG IHDR, a second JPEG frame header, a TIFF tag listed twice) is
/// refused: a decoder may believe the other one, and the budget would be checked against the wrong
/// size. No sizes means the headers are unreadable.
/// </summary>
internal static class ImageHeaders
{
    private static readonly byte[] PngEnd = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    private const int TiffWidthTag = 256;
    private const int TiffHeightTag = 257;
    private const int TiffShort = 3;
    private const int TiffLong = 4;
    private const int TiffEntryBytes = 12;

    /// <summary>More pages than any receipt, far fewer than a loop of directories would make.</summary>
    private const int MaxTiffDirectories = 256;

    /// <summary>The sizes declared by an image of <paramref name="contentType"/> (as sniffed), and whether it is complete.</summary>
    public static DeclaredImages Read(string contentType, byte[] content) => contentType switch
    {
        "image/jpeg" => Jpeg(content),
        "image/png" => new(Png(content), content.AsSpan().EndsWith(PngEnd)),
        "image/webp" => new(WebP(content), content.Length >= 8 && BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan(4)) + 8L == content.Length),
        "image/tiff" => new(Tiff(content), Complete: true),
        "image/heic" => new(Heif(content), Complete: true),
        _ => throw new ArgumentOutOfRangeException(nameof(contentType), contentType, "Not an image type."),
    };

    private static List<PixelSize> Png(byte[] content)
    {
        const int ChunkOverhead = 12;
        var sizes = new List<PixelSize>();
        for (long at = 8; at + ChunkOverhead <= content.Length;)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan((int)at));
            var type = content.AsSpan((int)at + 4, 4);
            if (type.SequenceEqual("IHDR"u8))
            {
                if (at != 8 || sizes.Count > 0 || length < 8 || at + 16 > content.Length)
                    throw Contradiction("The PNG has more than one image header (IHDR), or one out of place.");
                sizes.Add(new PixelSize(Side(BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan((int)at + 8))), Side(BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan((int)at + 12)))));
            }

            if (type.SequenceEqual("IEND"u8))
                break;
            at += ChunkOverhead + length;
        }

        return sizes;
    }

    /// <summary>
    /// Walks the markers up to the end of the image, skipping the entropy-coded data after each scan;
    /// complete when the end-of-image marker is reached. A thumbnail inside an APP segment is part of
    /// that segment and not seen; what a camera appends after the end marker (MPF images, Samsung's
    /// SEFT trailer) is not part of this image.
    /// </summary>
    private static DeclaredImages Jpeg(byte[] content)
    {
        const byte StartOfScan = 0xDA;
        const byte EndOfImage = 0xD9;
        var span = content.AsSpan();
        var frames = new List<PixelSize>();
        var at = 2;
        while (at + 2 <= span.Length)
        {
            if (span[at] != 0xFF)
                return new([], Complete: false);
            var marker = span[at + 1];
            if (marker == 0xFF)
            {
                at++;
                continue;
            }

            if (marker == EndOfImage)
                return new(frames, Complete: true);
            if (IsStandalone(marker))
            {
                at += 2;
                continue;
            }

            if (at + 4 > span.Length)
                break;
            var length = BinaryPrimitives.ReadUInt16BigEndian(span[(at + 2)..]);
            if (length < 2)
                return new([], Complete: false);
            if (IsStartOfFrame(marker))
            {
                if (at + 9 > span.Length)
                    return new([], Complete: false);
                if (frames.Count > 0)
                    throw Contradiction("The JPEG has more than one frame header (SOF); its size is ambiguous.");
                frames.Add(new PixelSize(BinaryPrimitives.ReadUInt16BigEndian(span[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(span[(at + 5)..])));
            }

            at += 2 + length;
            if (marker == StartOfScan)
                at = EndOfEntropyCodedData(span, at);
        }

        return new(frames, Complete: false);

        static bool IsStartOfFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;

        static bool IsStandalone(byte marker) => marker is 0x01 or (>= 0xD0 and <= 0xD7);
    }

    /// <summary>Every directory (page) in the chain; a tag twice in one directory is a contradiction.</summary>
    private static List<PixelSize> Tiff(byte[] content)
    {
        if (content.Length < 8)
            return [];
        var little = content[0] == (byte)'I';
        var sizes = new List<PixelSize>();
        var visited = new HashSet<uint>();
        for (var directory = Read32(4); directory != 0; directory = Read32((int)directory + 2 + (Read16((int)directory) * TiffEntryBytes)))
        {
            if (!visited.Add(directory) || visited.Count > MaxTiffDirectories || (long)directory + 2 > content.Length)
                return [];
            var entries = Read16((int)directory);
            if ((long)directory + 2 + (entries * TiffEntryBytes) + 4 > content.Length)
                return [];
            var tags = new HashSet<int>();
            int width = 0, height = 0;
            for (var i = 0; i < entries; i++)
            {
                var entry = (int)directory + 2 + (i * TiffEntryBytes);
                var tag = Read16(entry);
                if (!tags.Add(tag))
                    throw Contradiction($"The TIFF lists tag {tag} twice in one directory; its size is ambiguous.");
                if (tag is TiffWidthTag or TiffHeightTag)
                {
                    var value = Read16(entry + 2) switch
                    {
                        TiffShort => Read16(entry + 8),
                        TiffLong => Side(Read32(entry + 8)),
                        _ => 0,
                    };
                    (width, height) = tag == TiffWidthTag ? (value, height) : (width, value);
                }
            }

            // A directory without a size (an EXIF or GPS one reached by the chain) is no image.
            if (sizes.Count == 0 || width > 0 || height > 0)
                sizes.Add(new PixelSize(width, height));
        }

        return sizes;

        uint Read32(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan(at));

        ushort Read16(int at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(content.AsSpan(at)) : BinaryPrimitives.ReadUInt16BigEndian(content.AsSpan(at));
    }

    private static IReadOnlyList<PixelSize> WebP(byte[] content)
    {
        if (content.Length < 30)
            return [];
        var chunk = Encoding.ASCII.GetString(content, 12, 4);
        var data = content.AsSpan(20);
        PixelSize? size = chunk switch
        {
            "VP8X" => new(1 + (data[4] | (data[5] << 8) | (data[6] << 16)), 1 + (data[7] | (data[8] << 8) | (data[9] << 16))),
            "VP8 " => new(BinaryPrimitives.ReadUInt16LittleEndian(data[6..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[8..]) & 0x3FFF),
            "VP8L" => new(1 + (int)(BinaryPrimitives.ReadUInt32LittleEndian(data[1..]) & 0x3FFF), 1 + (int)((BinaryPrimitives.ReadUInt32LittleEndian(data[1..]) >> 14) & 0x3FFF)),
            _ => null,
        };
        return size is { } found ? [found] : [];
    }

    /// <summary>HEIF keeps each item's size in an 'ispe' property (version/flags, width, height): the primary image, its tiles and thumbnails.</summary>
    private static IReadOnlyList<PixelSize> Heif(byte[] content)
    {
        var sizes = new List<PixelSize>();
        var span = content.AsSpan();
        for (var at = span.IndexOf("ispe"u8); at >= 0 && at + 16 <= span.Length; at = Next(span, at))
            sizes.Add(new PixelSize(Side(BinaryPrimitives.ReadUInt32BigEndian(span[(at + 8)..])), Side(BinaryPrimitives.ReadUInt32BigEndian(span[(at + 12)..]))));
        // The largest item first: it is the one the budget is about.
        return [.. sizes.OrderByDescending(size => (long)size.Width * size.Height)];

        static int Next(ReadOnlySpan<byte> span, int previous)
        {
            var next = span[(previous + 4)..].IndexOf("ispe"u8);
            return next < 0 ? -1 : previous + 4 + next;
        }
    }

    /// <summary>After a scan's header: the next marker that is neither a stuffed zero nor a restart marker.</summary>
    private static int EndOfEntropyCodedData(ReadOnlySpan<byte> span, int at)
    {
        while (at < span.Length)
        {
            var next = span[at..].IndexOf((byte)0xFF);
            if (next < 0 || at + next + 1 >= span.Length)
                return span.Length;
            at += next;
            var following = span[at + 1];
            if (following != 0x00 && following is not (>= 0xD0 and <= 0xD7))
                return at;
            at += 2;
        }

        return at;
    }

    private static int Side(uint value) => (int)Math.Min(value, int.MaxValue);

    private static UploadRejectedException Contradiction(string reason) =>
        FileInspector.Refuse(UploadRejection.Unprocessable, "image.contradictory", reason);
}

/// <summary>The sizes an image file declares (the first is the image shown), and whether its data runs to its end marker.</summary>
internal sealed record DeclaredImages(IReadOnlyList<PixelSize> Sizes, bool Complete);
