using System.Text;
using System.Xml;

namespace CleanLedger.Application.Reports.GetVatReport;

/// <summary>
/// The file Skatteverket's e-service takes as a VAT return upload: eSKDUpload 6.0, ISO-8859-1, the
/// DOCTYPE of the published DTD, the boxes as elements in the DTD's order, whole kronor.
/// </summary>
public static class EskdFile
{
    public const string PublicId = "-//Skatteverket, Sweden//DTD Skatteverket eSKDUpload-DTD Version 6.0//SV";
    public const string SystemId = "https://www1.skatteverket.se/demoeskd/eSKDUpload_6p0.dtd";

    // The DTD's sequence: element name for each box (SKV 4700), in the order the DTD requires.
    private static readonly (string Element, string Box)[] Elements =
    [
        ("ForsMomsEjAnnan", "05"), ("UttagMoms", "06"), ("UlagMargbesk", "07"), ("HyrinkomstFriv", "08"),
        ("InkopVaruAnnatEg", "20"), ("InkopTjanstAnnatEg", "21"), ("InkopTjanstUtomEg", "22"), ("InkopVaruSverige", "23"),
        ("InkopTjanstSverige", "24"), ("MomsUlagImport", "50"), ("ForsVaruAnnatEg", "35"), ("ForsVaruUtomEg", "36"),
        ("InkopVaruMellan3p", "37"), ("ForsVaruMellan3p", "38"), ("ForsTjSkskAnnatEg", "39"), ("ForsTjOvrUtomEg", "40"),
        ("ForsKopareSkskSverige", "41"), ("ForsOvrigt", "42"), ("MomsUtgHog", "10"), ("MomsUtgMedel", "11"), ("MomsUtgLag", "12"),
        ("MomsInkopUtgHog", "30"), ("MomsInkopUtgMedel", "31"), ("MomsInkopUtgLag", "32"), ("MomsImportUtgHog", "60"),
        ("MomsImportUtgMedel", "61"), ("MomsImportUtgLag", "62"), ("MomsIngAvdr", "48"), ("MomsBetala", "49"),
    ];

    public static Encoding Latin1 { get; } = Encoding.Latin1;

    public static byte[] Create(VatReport report, string orgNumber)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = Latin1, Indent = true, IndentChars = "  " }))
        {
            xml.WriteStartDocument();
            xml.WriteDocType("eSKDUpload", PublicId, SystemId, null);
            xml.WriteStartElement("eSKDUpload");
            xml.WriteAttributeString("Version", "6.0");
            xml.WriteElementString("OrgNr", orgNumber);
            xml.WriteStartElement("Moms");
            xml.WriteElementString("Period", report.To.ToString("yyyyMM", System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (element, box) in Elements)
            {
                if (report.Boxes.TryGetValue(box, out var value))
                    xml.WriteElementString(element, value);
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return buffer.ToArray();
    }
}
