using System.Text.RegularExpressions;
using CleanLedger.Application.Receipts;
using CleanLedger.Infrastructure.Documents;
using CleanLedger.Infrastructure.Receipts.Ocr;
using CleanLedger.Testing;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CleanLedger.Infrastructure.Tests.Receipts.Ocr;

/// <summary>Real Tesseract on the shared receipts: images, PDFs with and without a text layer, refusals and the engine pool.</summary>
public sealed partial class TesseractOcrEngineTests : IDisposable
{
    private readonly TesseractOcrEngine _ocr = new(Options.Create(new OcrOptions { Engines = 2 }), Options.Create(new ImageBudget()), DocumentWork.Gate());

    public void Dispose() => _ocr.Dispose();

    public static TheoryData<string> EasyScans() =>
        [.. ReceiptLabel.Swedish.Where(label => label is { Render: "scan", Difficulty: "easy" }).Take(4).Select(label => Path.GetFileName(label.File))];

    public static TheoryData<string, string> PdfsWithATotal()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in new[] { "receipts-se", "receipts" })
        {
            foreach (var label in ReceiptLabel.Read(Path.Combine(SharedData.Folder, folder, "dev")).Where(label => label.File.EndsWith(".pdf", StringComparison.Ordinal) && label.Total is not null))
                data.Add(folder, Path.GetFileName(label.File));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EasyScans))]
    public async Task An_easy_scan_reads_with_its_labelled_total_and_org_number(string file)
    {
        var label = ReceiptLabel.Swedish.Single(receipt => Path.GetFileName(receipt.File) == file);

        var result = await _ocr.ReadAsync(await File.ReadAllBytesAsync(label.File), "image/jpeg", OcrPass.Standard, CancellationToken.None);

        result.Source.ShouldBe(TextSource.Ocr);
        result.Pages.ShouldBe(1);
        result.MeanConfidence.ShouldBeInRange(50, 100);
        label.PrintedTotals().ShouldContain(total => result.Text.Contains(total, StringComparison.Ordinal));
        result.Text.ShouldContain(label.OrgNumber!);
    }

    [Theory]
    [MemberData(nameof(PdfsWithATotal))]
    public async Task A_pdf_with_a_text_layer_is_read_from_it_with_the_total_on_the_line_of_its_label(string folder, string file)
    {
        var label = ReceiptLabel.Read(Path.Combine(SharedData.Folder, folder, "dev")).Single(receipt => Path.GetFileName(receipt.File) == file);

        var result = await _ocr.ReadAsync(await File.ReadAllBytesAsync(label.File), "application/pdf", OcrPass.Standard, CancellationToken.None);

        result.Source.ShouldBe(TextSource.PdfTextLayer);
        result.MeanConfidence.ShouldBe(100);
        result.Text.Split('\n', '\f').ShouldContain(line => TotalLabel().IsMatch(line) && label.PrintedTotals().Any(total => line.Contains(total, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_pdf_without_text_is_rasterised_and_recognised()
    {
        var pdf = ImageOnlyPdf(SharedData.SwedishReceipt("receipt_0001.jpg"));

        var result = await _ocr.ReadAsync(pdf, "application/pdf", OcrPass.Standard, CancellationToken.None);

        result.Source.ShouldBe(TextSource.Ocr);
        result.Pages.ShouldBe(1);
        result.Text.ShouldContain("ATT BETALA 116,40");
        result.Text.ShouldContain("559750-5956");
    }

    [Fact]
    public async Task Only_the_first_pages_of_a_long_pdf_without_text_are_recognised()
    {
        using var ocr = new TesseractOcrEngine(Options.Create(new OcrOptions { Engines = 2, MaxPdfPages = 2 }), Options.Create(new ImageBudget()), DocumentWork.Gate());
        var pdf = ImageOnlyPdf(SharedData.SwedishReceipt("receipt_0001.jpg"), pages: 3);

        var result = await ocr.ReadAsync(pdf, "application/pdf", OcrPass.Standard, CancellationToken.None);

        result.Pages.ShouldBe(2);
        result.Text.Split('\f').ShouldAllBe(page => page.Contains("116,40"));
    }

    [Fact]
    public async Task The_alternative_pass_reads_a_photo_differently_from_the_standard_pass()
    {
        var photo = await File.ReadAllBytesAsync(SharedData.SwedishReceipt("receipt_0002.jpg"));

        var standard = await _ocr.ReadAsync(photo, "image/jpeg", OcrPass.Standard, CancellationToken.None);
        var alternative = await _ocr.ReadAsync(photo, "image/jpeg", OcrPass.Alternative, CancellationToken.None);

        alternative.Source.ShouldBe(TextSource.Ocr);
        alternative.Text.ShouldNotBeNullOrWhiteSpace();
        alternative.Text.ShouldNotBe(standard.Text);
        // The engines stay as the standard pass left them: reading again gives the same text.
        (await _ocr.ReadAsync(photo, "image/jpeg", OcrPass.Standard, CancellationToken.None)).Text.ShouldBe(standard.Text);
    }

    [Fact]
    public async Task The_alternative_pass_clears_the_dark_table_around_a_shadowed_receipt_and_reads_its_faint_print()
    {
        // receipt_0074: thin grey print, a shadow across it, a dark red table around it; the standard pass reads next to nothing.
        var photo = await File.ReadAllBytesAsync(SharedData.SwedishReceipt("receipt_0074.jpg"));
        using var uncleared = new TesseractOcrEngine(Options.Create(new OcrOptions { Engines = 1, AlternativeAlone = { ClearSurroundings = false } }), Options.Create(new ImageBudget()), DocumentWork.Gate());

        var cleared = await _ocr.ReadAsync(photo, "image/jpeg", OcrPass.AlternativeAlone, CancellationToken.None);
        var dark = await uncleared.ReadAsync(photo, "image/jpeg", OcrPass.AlternativeAlone, CancellationToken.None);

        cleared.Text.ShouldContain("07.01.2025");
        cleared.Text.ShouldContain("532,00");
        dark.Text.ShouldNotContain("07.01.2025");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    public async Task The_alternative_pass_alone_reads_a_long_receipt_in_bands_cut_between_its_lines(int engines)
    {
        // Printed text, rasterised (the text layer ignored): 40 lines Tesseract reads exactly.
        using var ocr = new TesseractOcrEngine(Options.Create(new OcrOptions { Engines = engines, MinPdfTextLetters = int.MaxValue }), Options.Create(new ImageBudget()), DocumentWork.Gate());
        var lines = Enumerable.Range(1, 40).Select(line => $"RAD {line:00} KAFFE {line},50").ToList();
        var pdf = ReceiptPdf.Render([.. lines]);

        var banded = await ocr.ReadAsync(pdf, "application/pdf", OcrPass.AlternativeAlone, CancellationToken.None);
        var whole = await ocr.ReadAsync(pdf, "application/pdf", OcrPass.Alternative, CancellationToken.None);

        // Each line once, in order: no line cut in two, lost or read twice where the bands meet.
        Rows(banded.Text).ShouldBe(lines);
        Rows(whole.Text).ShouldBe(lines);
        banded.MeanConfidence.ShouldBeGreaterThan(80);

        static List<string> Rows(string text) => [.. text.Split('\n').Select(row => row.Trim()).Where(row => row.StartsWith("RAD", StringComparison.Ordinal))];
    }

    [Fact]
    public async Task A_pdf_text_layer_is_the_same_in_the_alternative_pass()
    {
        var label = ReceiptLabel.Swedish.First(receipt => receipt.File.EndsWith(".pdf", StringComparison.Ordinal));
        var pdf = await File.ReadAllBytesAsync(label.File);

        var alternative = await _ocr.ReadAsync(pdf, "application/pdf", OcrPass.Alternative, CancellationToken.None);

        alternative.Source.ShouldBe(TextSource.PdfTextLayer);
        alternative.Text.ShouldBe((await _ocr.ReadAsync(pdf, "application/pdf", OcrPass.Standard, CancellationToken.None)).Text);
    }

    [Fact]
    public async Task Concurrent_reads_on_two_engines_give_the_texts_of_sequential_reads()
    {
        var images = await Task.WhenAll(SharedData.SwedishReceipts("jpg").Take(3).Select(path => File.ReadAllBytesAsync(path)));
        var sequential = new List<string>();
        foreach (var image in images)
            sequential.Add((await _ocr.ReadAsync(image, "image/jpeg", OcrPass.Standard, CancellationToken.None)).Text);

        var concurrent = await Task.WhenAll(images.Concat(images).Select(image => _ocr.ReadAsync(image, "image/jpeg", OcrPass.Standard, CancellationToken.None)));

        concurrent.Select(result => result.Text).ShouldBe(sequential.Concat(sequential));
    }

    [Fact]
    public async Task A_read_waiting_for_the_only_engine_can_be_cancelled_and_the_engine_stays_usable()
    {
        using var ocr = new TesseractOcrEngine(Options.Create(new OcrOptions { Engines = 1 }), Options.Create(new ImageBudget()), DocumentWork.Gate());
        var image = await File.ReadAllBytesAsync(SharedData.SwedishReceipt("receipt_0001.jpg"));
        var busy = ocr.ReadAsync(image, "image/jpeg", OcrPass.Standard, CancellationToken.None);
        using var cancellation = new CancellationTokenSource();

        var waiting = ocr.ReadAsync(image, "image/jpeg", OcrPass.Standard, cancellation.Token);
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(waiting);
        (await busy).Text.ShouldContain("116,40");
        (await ocr.ReadAsync(image, "image/jpeg", OcrPass.Standard, CancellationToken.None)).Text.ShouldBe((await busy).Text);
    }

    [Fact]
    public async Task A_recognition_under_way_stops_when_cancelled_and_the_engine_reads_the_next_image_as_before()
    {
        // Scaled ×2, the photo takes seconds to read: the cancellation comes while Tesseract is at it.
        using var ocr = new TesseractOcrEngine(Options.Create(new OcrOptions { Engines = 1, UpscaleBelowWidth = 20_000 }), Options.Create(new ImageBudget()), DocumentWork.Gate());
        var image = await File.ReadAllBytesAsync(SharedData.SwedishReceipt("receipt_0001.jpg"));
        var before = await ocr.ReadAsync(image, "image/jpeg", OcrPass.Standard, CancellationToken.None);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Should.ThrowAsync<OperationCanceledException>(() => ocr.ReadAsync(image, "image/jpeg", OcrPass.Standard, cancellation.Token));

        (await ocr.ReadAsync(image, "image/jpeg", OcrPass.Standard, CancellationToken.None)).Text.ShouldBe(before.Text);
    }

    [Theory]
    [InlineData("image/jpeg", "ocr.undecodable_image")]
    [InlineData("image/heic", "ocr.unsupported_format")]
    [InlineData("application/pdf", "ocr.unreadable_pdf")]
    public async Task Bytes_that_cannot_be_read_are_refused_with_a_stable_code(string contentType, string code)
    {
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);

        var refusal = await Should.ThrowAsync<OcrUnreadableException>(_ocr.ReadAsync(garbage, contentType, OcrPass.Standard, CancellationToken.None));

        refusal.Code.ShouldBe(code);
    }

    private static byte[] ImageOnlyPdf(string jpeg, int pages = 1)
    {
        using var document = new PdfDocument();
        using var image = XImage.FromFile(jpeg);
        for (var number = 0; number < pages; number++)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(image.PointWidth);
            page.Height = XUnit.FromPoint(image.PointHeight);
            using var graphics = XGraphics.FromPdfPage(page);
            graphics.DrawImage(image, 0, 0, page.Width.Point, page.Height.Point);
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    [GeneratedRegex("total|totaal|att betala|summa", RegexOptions.IgnoreCase)]
    private static partial Regex TotalLabel();
}
