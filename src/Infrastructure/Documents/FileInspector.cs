using System.Buffers.Binary;
using System.Text;
using CleanLedger.Application.Documents;
using Microsoft.Extensions.Options;

namespace CleanLedger.Infrastructure.Documents;

/// <summary>
/// Decides from the bytes alone what a file is (JPEG, PNG, HEIC/HEIF, TIFF, WebP or PDF) and
/// refuses the rest: a declared type that contradicts the bytes, a file that is also a ZIP
/// archive, a truncated file, images whose header promises more pixels than the budget — read
/// from the header, never by decoding — and PDFs that qpdf finds broken, encrypted, too long or
/// active (<see cref="QpdfChecker"/>).
/// </summary>
public sealed class FileInspector(IOptions<DocumentOptions> options) : IDocumentInspector
{
    private const int EdgeBytes = 64 * 1024;
    private static readonly byte[] JpegStart = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] PngEnd = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];
    private static readonly string[] HeifBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "heif"];

    public async Task<InspectedFile> InspectAsync(IncomingFile file, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (file.Size == 0)
            throw Refuse(UploadRejection.Unprocessable, "file.empty", "The file is empty.");
        if (file.Size > limits.MaxBytes)
            throw Refuse(UploadRejection.TooLarge, "file.too_large", $"The file is larger than {limits.MaxBytes} bytes.");

        var (head, tail) = await ReadEdgesAsync(file.Path, file.Size, cancellationToken);
        if (IsAlsoZipArchive(tail))
            throw Refuse(UploadRejection.Unprocessable, "file.polyglot", "The file is also a ZIP archive; upload the receipt on its own.");

        var inspected = Sniff(head) switch
        {
            "image/jpeg" => Image("image/jpeg", JpegSize(head), EndsWithJpegEoi(tail)),
            "image/png" => Image("image/png", PngSize(head), tail.AsSpan().EndsWith(PngEnd)),
            "image/webp" => Image("image/webp", WebPSize(head), BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(4)) + 8L == file.Size),
            "image/tiff" => Image("image/tiff", TiffSize(head), complete: true),
            "image/heic" => Image("image/heic", HeifSize(head), complete: true),
            "application/pdf" => await PdfAsync(file.Path, tail, limits, cancellationToken),
            _ => throw Refuse(UploadRejection.UnsupportedType, "type.unsupported",
                "Only JPEG, PNG, HEIC/HEIF, TIFF, WebP and PDF receipts are accepted."),
        };

        if (!DeclaredTypeAgrees(file.DeclaredContentType, inspected.ContentType))
            throw Refuse(UploadRejection.UnsupportedType, "type.mismatch",
                $"The file was declared as {file.DeclaredContentType} but its content is {inspected.ContentType}.");
        return inspected;

        InspectedFile Image(string contentType, (int Width, int Height)? size, bool complete)
        {
            if (size is not { Width: > 0, Height: > 0 } dimensions)
                throw Refuse(UploadRejection.Unprocessable, "image.corrupt", "The image header is unreadable.");
            if (dimensions.Width > limits.MaxSidePixels || dimensions.Height > limits.MaxSidePixels
                || (long)dimensions.Width * dimensions.Height > limits.MaxPixels)
                throw Refuse(UploadRejection.Unprocessable, "image.too_large",
                    $"The image is {dimensions.Width} × {dimensions.Height} pixels; the limit is {limits.MaxPixels} pixels and {limits.MaxSidePixels} per side.");
            if (!complete)
                throw Refuse(UploadRejection.Unprocessable, "image.truncated", "The image is truncated.");
            return new InspectedFile(contentType, dimensions.Width, dimensions.Height, Pages: null);
        }
    }

    internal static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(JpegStart))
            return "image/jpeg";
        if (head.StartsWith(PngSignature))
            return "image/png";
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
            return "image/webp";
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8))
            return "image/tiff";
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) && HeifBrands.Contains(Encoding.ASCII.GetString(head[8..12])))
            return "image/heic";
        return head.StartsWith("%PDF-"u8) ? "application/pdf" : null;
    }

    private static async Task<InspectedFile> PdfAsync(string path, byte[] tail, DocumentOptions limits, CancellationToken cancellationToken)
    {
        if (tail.AsSpan().LastIndexOf("%%EOF"u8) < 0)
            throw Refuse(UploadRejection.Unprocessable, "pdf.truncated", "The PDF is truncated (no end-of-file marker).");
        return new InspectedFile("application/pdf", null, null, await QpdfChecker.CheckAsync(path, limits.MaxPdfPages, limits.MaxBytes * 10, cancellationToken));
    }

    private static bool DeclaredTypeAgrees(string? declared, string sniffed)
    {
        var type = declared?.Split(';')[0].Trim().ToLowerInvariant();
        return type switch
        {
            null or "" or "application/octet-stream" => true,
            "image/jpg" or "image/pjpeg" => sniffed == "image/jpeg",
            "image/heif" or "image/heic-sequence" or "image/heif-sequence" => sniffed == "image/heic",
            "application/x-pdf" => sniffed == "application/pdf",
            _ => type == sniffed,
        };
    }

    // A ZIP archive ends with its end-of-central-directory record (PK\5\6, 22 bytes + comment).
    private static bool IsAlsoZipArchive(byte[] tail)
    {
        var span = tail.AsSpan();
        for (var i = span.Length - 22; i >= 0; i--)
        {
            if (span[i] == 0x50 && span[i + 1] == 0x4B && span[i + 2] == 0x05 && span[i + 3] == 0x06
                && i + 22 + BinaryPrimitives.ReadUInt16LittleEndian(span[(i + 20)..]) == span.Length)
                return true;
        }

        return false;
    }

    private static (int, int)? PngSize(byte[] head) =>
        head.Length >= 24 && head.AsSpan(12, 4).SequenceEqual("IHDR"u8)
            ? ((int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(16)), int.MaxValue),
               (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(20)), int.MaxValue))
            : null;

    private static (int, int)? JpegSize(byte[] head)
    {
        var position = 2;
        while (position + 9 < head.Length)
        {
            if (head[position] != 0xFF)
                return null;
            var marker = head[position + 1];
            if (marker == 0xFF)
            {
                position++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(head.AsSpan(position + 2));
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                return (BinaryPrimitives.ReadUInt16BigEndian(head.AsSpan(position + 7)), BinaryPrimitives.ReadUInt16BigEndian(head.AsSpan(position + 5)));
            if (marker == 0xDA || length < 2)
                return null;
            position += 2 + length;
        }

        return null;
    }

    private static bool EndsWithJpegEoi(byte[] tail)
    {
        var end = tail.Length;
        while (end > 0 && tail[end - 1] == 0x00)
            end--;
        return end >= 2 && tail[end - 2] == 0xFF && tail[end - 1] == 0xD9;
    }

    private static (int, int)? WebPSize(byte[] head)
    {
        if (head.Length < 30)
            return null;
        var chunk = Encoding.ASCII.GetString(head, 12, 4);
        var data = head.AsSpan(20);
        return chunk switch
        {
            "VP8X" => (1 + (data[4] | (data[5] << 8) | (data[6] << 16)), 1 + (data[7] | (data[8] << 8) | (data[9] << 16))),
            "VP8 " => (BinaryPrimitives.ReadUInt16LittleEndian(data[6..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[8..]) & 0x3FFF),
            "VP8L" => (1 + (int)(BinaryPrimitives.ReadUInt32LittleEndian(data[1..]) & 0x3FFF), 1 + (int)((BinaryPrimitives.ReadUInt32LittleEndian(data[1..]) >> 14) & 0x3FFF)),
            _ => null,
        };
    }

    private static (int, int)? TiffSize(byte[] head)
    {
        if (head.Length < 8)
            return null;
        var little = head[0] == (byte)'I';
        uint Read32(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(at));
        ushort Read16(int at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(at)) : BinaryPrimitives.ReadUInt16BigEndian(head.AsSpan(at));

        var ifd = Read32(4);
        if ((long)ifd + 2 > head.Length)
            return null;
        int width = 0, height = 0;
        var entries = Read16((int)ifd);
        for (var i = 0; i < entries; i++)
        {
            var entry = (int)ifd + 2 + (i * 12);
            if (entry + 12 > head.Length)
                return null;
            var value = Read16(entry + 2) == 3 ? Read16(entry + 8) : (int)Math.Min(Read32(entry + 8), int.MaxValue);
            switch (Read16(entry))
            {
                case 256: width = value; break;
                case 257: height = value; break;
            }
        }

        return (width, height);
    }

    // HEIF keeps each image's size in an 'ispe' property: version/flags, width, height.
    private static (int, int)? HeifSize(byte[] head)
    {
        var at = head.AsSpan().IndexOf("ispe"u8);
        return at >= 0 && at + 16 <= head.Length
            ? ((int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(at + 8)), int.MaxValue),
               (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(at + 12)), int.MaxValue))
            : null;
    }

    private static async Task<(byte[] Head, byte[] Tail)> ReadEdgesAsync(string path, long size, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        var head = new byte[(int)Math.Min(size, EdgeBytes)];
        await stream.ReadExactlyAsync(head, cancellationToken);
        var tail = new byte[(int)Math.Min(size, EdgeBytes)];
        stream.Seek(size - tail.Length, SeekOrigin.Begin);
        await stream.ReadExactlyAsync(tail, cancellationToken);
        return (head, tail);
    }

    private static UploadRejectedException Refuse(UploadRejection rejection, string code, string reason) => new(rejection, code, reason);
}
