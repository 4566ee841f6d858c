using System.Security.Cryptography;
using CleanLedger.Application.Documents;
using CleanLedger.Application.Receipts;
using CleanLedger.Infrastructure.Documents;
using CleanLedger.Infrastructure.Receipts.Ocr;
using CleanLedger.Testing;
using Microsoft.Extensions.Options;

namespace CleanLedger.Infrastructure.Tests.Documents;

/// <summary>Tests that measure the process's allocations run alone, so that other tests' allocations do not count.</summary>
[CollectionDefinition(nameof(MeasuresProcessMemory), DisableParallelization = true)]
public sealed class MeasuresProcessMemory;

/// <summary>
/// Deflate bombs, in the text layer, in an image and in an object stream: refused at upload and
/// before OCR by the same caps, having inflated them only in qpdf (counting the bytes, or within its
/// memory limit), never holding them in process.
/// </summary>
[Collection(nameof(MeasuresProcessMemory))]
public sealed class PdfInflateBudgetTests : IDisposable
{
    private const long BombBytes = 400L * 1024 * 1024;
    private const long MiB = 1024 * 1024;

    private readonly string _folder = Directory.CreateTempSubdirectory("cleanledger-bomb-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> Bombs() => ["content-stream", "image", "object-stream"];

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task A_deflate_bomb_is_refused_at_upload_allocating_far_less_than_it_inflates_to(string where)
    {
        var bomb = Bomb(where);
        var inspector = new FileInspector(Options.Create(new DocumentOptions()), Options.Create(new ImageBudget()), DocumentWork.Gate());

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var refusal = await Should.ThrowAsync<UploadRejectedException>(() => inspector.InspectAsync(Incoming(bomb), CancellationToken.None));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        refusal.Code.ShouldBe("pdf.too_complex");
        allocated.ShouldBeLessThan(BombBytes / 20);
    }

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task A_deflate_bomb_is_refused_before_ocr_decodes_its_text_layer(string where)
    {
        var bomb = Bomb(where);
        using var ocr = new TesseractOcrEngine(Options.Create(new OcrOptions { Engines = 1 }), Options.Create(new ImageBudget()), DocumentWork.Gate());

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var refusal = await Should.ThrowAsync<OcrUnreadableException>(() => ocr.ReadAsync(bomb, "application/pdf", OcrPass.Standard, CancellationToken.None));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        refusal.Code.ShouldBe("ocr.pdf_too_complex");
        allocated.ShouldBeLessThan(BombBytes / 20);
    }

    [Fact]
    public async Task Streams_that_inflate_to_just_under_the_cap_are_accepted_and_just_over_it_refused()
    {
        var budget = new ImageBudget { MaxPdfInflatedBytes = 16 * MiB };
        var inspector = new FileInspector(Options.Create(new DocumentOptions()), Options.Create(budget), DocumentWork.Gate());

        // The rest of the decoded file (objects, cross-reference table) is a few hundred bytes.
        (await inspector.InspectAsync(Incoming(HostilePdf.ContentStreamBomb((16 * MiB) - 4096)), CancellationToken.None)).Pages.ShouldBe(1);
        var refusal = await Should.ThrowAsync<UploadRejectedException>(() => inspector.InspectAsync(Incoming(HostilePdf.ContentStreamBomb(16 * MiB)), CancellationToken.None));
        refusal.Code.ShouldBe("pdf.too_complex");
    }

    private static byte[] Bomb(string where)
    {
        var bomb = where switch
        {
            "content-stream" => HostilePdf.ContentStreamBomb(BombBytes),
            "image" => HostilePdf.ImageBomb(20_480),
            _ => HostilePdf.ObjectStreamBomb(BombBytes),
        };
        bomb.Length.ShouldBeLessThan(1024 * 1024);
        return bomb;
    }

    private IncomingFile Incoming(byte[] bytes)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, bytes);
        return new IncomingFile(path, "bomb.pdf", "application/pdf", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
