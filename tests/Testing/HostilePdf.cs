using System.IO.Compression;
using System.Text;

namespace CleanLedger.Testing;

/// <summary>
/// PDFs written byte by byte, with a correct cross-reference table, to carry exactly what a test
/// needs: a page box of any size, an action of any kind, a stream that inflates to any size.
/// </summary>
public static class HostilePdf
{
    /// <summary>A catalog (object 1, with <paramref name="catalogExtra"/>), a page tree (2) and one page (3, with <paramref name="pageExtra"/>), then <paramref name="more"/> as objects 4, 5, …</summary>
    public static byte[] OnePage(string pageExtra = "/MediaBox [0 0 200 200]", string catalogExtra = "", params object[] more) =>
        Build([$"<< /Type /Catalog /Pages 2 0 R {catalogExtra} >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", $"<< /Type /Page /Parent 2 0 R {pageExtra} >>", .. more]);

    /// <summary>A page whose content stream (object 4) is <paramref name="inflatedBytes"/> of spaces, deflated.</summary>
    public static byte[] ContentStreamBomb(long inflatedBytes) =>
        OnePage("/MediaBox [0 0 200 200] /Contents 4 0 R", "", DeflatedStream("", inflatedBytes));

    /// <summary>A page that draws an image (object 4) of <paramref name="side"/> × <paramref name="side"/> grey pixels, deflated.</summary>
    public static byte[] ImageBomb(int side) =>
        OnePage("/MediaBox [0 0 200 200] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R", "",
            DeflatedStream($"/Type /XObject /Subtype /Image /Width {side} /Height {side} /ColorSpace /DeviceGray /BitsPerComponent 8", (long)side * side),
            Stream("", "q 200 0 0 200 0 0 cm /Im0 Do Q"u8.ToArray()));

    /// <summary>
    /// A page whose one other object (4) lies in an object stream (5) padded with
    /// <paramref name="inflatedBytes"/> of spaces, deflated: readers decompress a whole object stream
    /// in memory before they find the object, and nothing of it is written when it is unpacked.
    /// </summary>
    public static byte[] ObjectStreamBomb(long inflatedBytes)
    {
        const string Header = "4 0 ";
        var objectStream = Deflated([.. Encoding.ASCII.GetBytes($"{Header}null")], inflatedBytes);
        using var pdf = new MemoryStream();
        Write("%PDF-1.7\n");
        var offsets = new Dictionary<int, long>();
        Object(1, "<< /Type /Catalog /Pages 2 0 R >>"u8);
        Object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"u8);
        Object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Properties << /P0 4 0 R >> >> >>"u8);
        Object(5, [.. Encoding.ASCII.GetBytes($"<< /Type /ObjStm /N 1 /First {Header.Length} /Filter /FlateDecode /Length {objectStream.Length} >>\nstream\n"), .. objectStream, .. "\nendstream"u8]);

        // The cross-reference stream (object 6): type, offset or object stream, generation or index (widths 1, 4, 2).
        var xref = pdf.Position;
        var rows = new List<byte>();
        Row(0, 0, 65535);
        foreach (var number in new[] { 1, 2, 3 })
            Row(1, (uint)offsets[number], 0);
        Row(2, 5, 0);
        Row(1, (uint)offsets[5], 0);
        Row(1, (uint)xref, 0);
        Write($"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length {rows.Count} >>\nstream\n");
        pdf.Write([.. rows]);
        Write($"\nendstream\nendobj\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();

        void Write(string text) => pdf.Write(Encoding.ASCII.GetBytes(text));

        void Object(int number, ReadOnlySpan<byte> body)
        {
            offsets[number] = pdf.Position;
            Write($"{number} 0 obj\n");
            pdf.Write(body);
            Write("\nendobj\n");
        }

        void Row(byte type, uint field, ushort last) =>
            rows.AddRange([type, (byte)(field >> 24), (byte)(field >> 16), (byte)(field >> 8), (byte)field, (byte)(last >> 8), (byte)last]);
    }

    /// <summary>A stream object: its dictionary entries and its (already encoded) data.</summary>
    public static byte[] Stream(string dictionary, byte[] data) =>
        [.. Encoding.ASCII.GetBytes($"<< {dictionary} /Length {data.Length} >>\nstream\n"), .. data, .. "\nendstream"u8];

    /// <summary><paramref name="inflatedBytes"/> of spaces, deflated, as a stream object.</summary>
    public static byte[] DeflatedStream(string dictionary, long inflatedBytes) =>
        Stream($"{dictionary} /Filter /FlateDecode", Deflated([], inflatedBytes));

    /// <summary><paramref name="start"/> followed by <paramref name="paddingBytes"/> spaces, deflated.</summary>
    private static byte[] Deflated(byte[] start, long paddingBytes)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(start);
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var left = paddingBytes; left > 0; left -= spaces.Length)
                zlib.Write(spaces, 0, (int)Math.Min(left, spaces.Length));
        }

        return compressed.ToArray();
    }

    /// <summary>The same PDF with the offset after its last startxref wrong: readers that trust it fail, qpdf repairs it.</summary>
    public static byte[] WithWrongStartxref(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var at = text.LastIndexOf("startxref", StringComparison.Ordinal) + "startxref".Length;
        var digits = text[at..].TrimStart();
        var start = text.Length - digits.Length;
        var end = start + digits.TakeWhile(char.IsAsciiDigit).Count();
        return Encoding.Latin1.GetBytes(text[..start] + "17" + text[end..]);
    }

    /// <summary>Objects numbered from 1 (strings are dictionaries or other plain objects, byte arrays whole objects such as streams).</summary>
    public static byte[] Build(IReadOnlyList<object> objects)
    {
        using var pdf = new MemoryStream();
        Write("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<long>();
        for (var number = 1; number <= objects.Count; number++)
        {
            offsets.Add(pdf.Position);
            Write($"{number} 0 obj\n");
            if (objects[number - 1] is byte[] bytes)
                pdf.Write(bytes);
            else
                Write((string)objects[number - 1]);
            Write("\nendobj\n");
        }

        var xref = pdf.Position;
        Write($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
            Write($"{offset:0000000000} 00000 n \n");
        Write($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();

        void Write(string text) => pdf.Write(Encoding.Latin1.GetBytes(text));
    }
}
