using CleanLedger.Application.Documents;
using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Reports.GetVatReport;
using CleanLedger.Application.Reports.Pdfs;
using CleanLedger.Domain.Common;
using CleanLedger.Infrastructure.Documents;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace CleanLedger.Infrastructure.Exports.Pdf;

/// <summary>
/// PDFsharp (MIT) with DejaVu Sans embedded, so the text is extractable and Swedish letters render.
/// A receipt that is a JPEG or PNG is placed as an image; a PDF receipt's first page is drawn in
/// from qpdf's rewrite of it, so that a receipt qpdf had to repair at upload (a wrong startxref,
/// a broken cross-reference table) is drawn as it is shown, while the original stays stored as
/// received (docs/adr/0015). Drawing a receipt in (qpdf's rewrite, the image decoded) is one
/// operation of the <see cref="DocumentWorkGate"/>; a verification without one takes no slot.
/// </summary>
public sealed class PdfRenderer(DocumentWorkGate work) : IPdfRenderer
{
    private const double Margin = 50;

    static PdfRenderer() => GlobalFontSettings.FontResolver ??= new DejaVuFontResolver();

    public byte[] VatReport(OrganizationDetails organization, VatReport report)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"Momsdeklaration {report.Period} — {organization.Name}";
        var page = new Page(document);
        page.Heading($"Momsdeklaration {report.Period}");
        page.Line($"{organization.Name}, {organization.OrgNumber}");
        page.Line($"Period {report.From:yyyy-MM-dd} – {report.To:yyyy-MM-dd}. Belopp i hela kronor.");
        page.Gap();
        foreach (var (box, value) in report.Boxes)
            page.Columns(($"Ruta {box}", 0), (BoxNames.GetValueOrDefault(box, ""), 60), (value, 420));
        return Save(document);
    }

    /// <exception cref="DocumentWorkBusyException">The receipt would be drawn in, and no document work slot came free within a request's wait.</exception>
    public async Task<byte[]> VerificationAsync(OrganizationDetails organization, VerificationDetails verification, ReceiptImage? receipt, CancellationToken cancellationToken)
    {
        using var slot = receipt is null ? null : await work.EnterAsync(DocumentWorkCaller.Request, cancellationToken);
        var pdfReceipt = receipt is { ContentType: "application/pdf" } ? await RewrittenAsync(slot!, receipt.Bytes, cancellationToken) : null;
        using var document = new PdfDocument();
        document.Info.Title = $"Verifikation {verification.Series}{verification.Number} — {organization.Name}";
        var page = new Page(document);
        page.Heading($"Verifikation {verification.Series}{verification.Number}");
        page.Line($"{organization.Name}, {organization.OrgNumber}");
        page.Line($"Datum {verification.Date:yyyy-MM-dd}, registrerad {verification.RegisteredAt:yyyy-MM-dd HH:mm} UTC");
        page.Line($"Avser: {verification.Description}");
        page.Line($"Motpart: {verification.Counterparty ?? "–"}");
        if (verification.Reverses is { } reverses)
            page.Line($"Rättelse av verifikation {reverses}");
        page.Gap();
        page.Columns(("Konto", 0), ("Benämning", 50), ("Debet", 330), ("Kredit", 410));
        foreach (var line in verification.Lines)
        {
            page.Columns((line.Account, 0), (line.AccountName ?? "", 50),
                (line.DebitOre == 0 ? "" : Money.FormatKronor(line.DebitOre), 330), (line.CreditOre == 0 ? "" : Money.FormatKronor(line.CreditOre), 410));
        }

        page.Columns(("Summa", 50), (Money.FormatKronor(verification.Lines.Sum(l => l.DebitOre)), 330), (Money.FormatKronor(verification.Lines.Sum(l => l.CreditOre)), 410));
        page.Gap();
        page.Line("Regelkontroll vid bokföring:");
        foreach (var result in verification.ComplianceResults)
            page.Line($"{result.Code}: {(result.Passed ? "ok" : result.Severity.ToString().ToLowerInvariant())} — {result.MessageSv}");

        if (receipt is not null)
            DrawReceipt(document, receipt, pdfReceipt);
        return Save(document);
    }

    /// <summary>qpdf's rewrite of a PDF receipt, or null when even qpdf cannot read it (it is then named, not drawn).</summary>
    private static async Task<byte[]?> RewrittenAsync(DocumentWorkSlot slot, byte[] pdf, CancellationToken cancellationToken)
    {
        try
        {
            return await Qpdf.RewriteAsync(slot, pdf, cancellationToken);
        }
        catch (UploadRejectedException)
        {
            return null;
        }
    }

    private static void DrawReceipt(PdfDocument document, ReceiptImage receipt, byte[]? rewrittenPdf)
    {
        var page = document.AddPage();
        using var graphics = XGraphics.FromPdfPage(page);
        var area = new XRect(Margin, Margin, page.Width.Point - (2 * Margin), page.Height.Point - (2 * Margin));
        if (rewrittenPdf is not null)
        {
            using var source = new MemoryStream(rewrittenPdf);
            using var form = XPdfForm.FromStream(source);
            graphics.DrawImage(form, Fit(area, form.PointWidth, form.PointHeight));
        }
        else if (receipt.ContentType is "image/jpeg" or "image/png")
        {
            using var source = new MemoryStream(receipt.Bytes);
            using var image = XImage.FromStream(source);
            graphics.DrawImage(image, Fit(area, image.PointWidth, image.PointHeight));
        }
        else
        {
            graphics.DrawString($"Underlaget ({receipt.ContentType}) kan inte bäddas in; se originalet.", new XFont("DejaVu Sans", 10), XBrushes.Black, area.TopLeft);
        }
    }

    private static XRect Fit(XRect area, double width, double height)
    {
        var scale = Math.Min(area.Width / width, area.Height / height);
        return new XRect(area.X, area.Y, width * scale, height * scale);
    }

    private static byte[] Save(PdfDocument document)
    {
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static readonly Dictionary<string, string> BoxNames = new(StringComparer.Ordinal)
    {
        ["05"] = "Momspliktig försäljning", ["10"] = "Utgående moms 25 %", ["11"] = "Utgående moms 12 %", ["12"] = "Utgående moms 6 %",
        ["20"] = "Inköp av varor från annat EU-land", ["21"] = "Inköp av tjänster från annat EU-land", ["22"] = "Inköp av tjänster från land utanför EU",
        ["23"] = "Inköp av varor i Sverige (omvänd)", ["24"] = "Övriga inköp av tjänster (omvänd)", ["30"] = "Utgående moms 25 % (omvänd)",
        ["31"] = "Utgående moms 12 % (omvänd)", ["32"] = "Utgående moms 6 % (omvänd)", ["35"] = "Försäljning av varor till annat EU-land",
        ["36"] = "Försäljning av varor utanför EU", ["39"] = "Försäljning av tjänster till annat EU-land", ["40"] = "Övrig försäljning av tjänster utomlands",
        ["41"] = "Försäljning där köparen är skattskyldig", ["42"] = "Övrig försäljning m.m.", ["48"] = "Ingående moms att dra av",
        ["49"] = "Moms att betala eller få tillbaka", ["50"] = "Beskattningsunderlag vid import", ["60"] = "Utgående moms 25 % (import)",
        ["61"] = "Utgående moms 12 % (import)", ["62"] = "Utgående moms 6 % (import)",
    };

    /// <summary>Writes lines of text down a page, starting new pages as needed.</summary>
    private sealed class Page(PdfDocument document)
    {
        private readonly XFont _text = new("DejaVu Sans", 10);
        private readonly XFont _heading = new("DejaVu Sans", 16, XFontStyleEx.Bold);
        private PdfPage _page = null!;
        private XGraphics? _graphics;
        private double _y;

        public void Heading(string text) => Write(text, _heading, 0, 24);

        public void Line(string text) => Write(text, _text, 0, 14);

        public void Gap() => _y += 8;

        public void Columns(params (string Text, double X)[] columns)
        {
            EnsureRoom(14);
            foreach (var (text, x) in columns)
                _graphics!.DrawString(text, _text, XBrushes.Black, Margin + x, _y);
            _y += 14;
        }

        private void Write(string text, XFont font, double x, double height)
        {
            EnsureRoom(height);
            _graphics!.DrawString(text, font, XBrushes.Black, Margin + x, _y);
            _y += height;
        }

        private void EnsureRoom(double height)
        {
            if (_graphics is not null && _y + height < _page.Height.Point - Margin)
                return;
            _graphics?.Dispose();
            _page = document.AddPage();
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin + 10;
        }
    }
}

/// <summary>PDFsharp finds no fonts by itself on Linux: DejaVu Sans from Debian's fonts-dejavu-core.</summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    private const string Folder = "/usr/share/fonts/truetype/dejavu";

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[] GetFont(string faceName) => File.ReadAllBytes(Path.Combine(Folder, faceName + ".ttf"));
}
