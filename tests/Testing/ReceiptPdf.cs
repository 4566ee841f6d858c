using CleanLedger.Infrastructure.Exports.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace CleanLedger.Testing;

/// <summary>A receipt as a web shop sends it: a one-page PDF whose text layer holds the given lines.</summary>
public static class ReceiptPdf
{
    public static byte[] Render(params string[] lines)
    {
        GlobalFontSettings.FontResolver ??= new DejaVuFontResolver();
        using var document = new PdfDocument();
        var page = document.AddPage();
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            var font = new XFont("DejaVu Sans", 11);
            for (var i = 0; i < lines.Length; i++)
                graphics.DrawString(lines[i], font, XBrushes.Black, new XPoint(60, 80 + (i * 18)));
        }

        using var bytes = new MemoryStream();
        document.Save(bytes);
        return bytes.ToArray();
    }
}
