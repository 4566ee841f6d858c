using System.Text;
using CleanLedger.Application.Documents;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Receipts.EInvoices;
using Microsoft.Extensions.Options;

namespace CleanLedger.Infrastructure.Documents;

/// <summary>
/// Decides from the bytes alone what a file is (JPEG, PNG, HEIC/HEIF, TIFF, WebP, PDF or a UBL 2.1
/// e-invoice, read in full and refused unless its arithmetic holds: <see cref="UblInvoice"/>) and
/// refuses the rest: a declared type that contradicts the bytes, a file that also carries an
/// archive anywhere in it, a truncated file, images whose headers promise more pixels than the
/// <see cref="ImageBudget"/> or contradict each other (a second IHDR or SOF, a TIFF tag twice) —
/// read from the headers, never by decoding — and PDFs that qpdf finds broken, encrypted, too
/// long, too large to render, expanding past the budget or active (<see cref="QpdfChecker"/>).
/// The check is one operation of the <see cref="DocumentWorkGate"/>: the file in memory and the
/// qpdf runs count against one slot, so concurrent uploads cannot add up past the budget.
/// </summary>
public sealed class FileInspector(IOptions<DocumentOptions> options, IOptions<ImageBudget> budget, DocumentWorkGate gate) : IDocumentInspector
{
    private static readonly byte[] JpegStart = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly string[] HeifBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "heif"];

    /// <summary>How far from the end a PDF's end-of-file marker may lie (trailing junk some writers leave).</summary>
    private const int PdfEndWindow = 64 * 1024;

    /// <exception cref="DocumentWorkBusyException">No document work slot came free within a request's wait; nothing was checked.</exception>
    public async Task<InspectedFile> InspectAsync(IncomingFile file, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var pixels = budget.Value;
        if (file.Size == 0)
            throw Refuse(UploadRejection.Unprocessable, "file.empty", "The file is empty.");
        if (file.Size > limits.MaxBytes)
            throw Refuse(UploadRejection.TooLarge, "file.too_large", $"The file is larger than {limits.MaxBytes} bytes.");

        using var slot = await gate.EnterAsync(DocumentWorkCaller.Request, cancellationToken);
        // Within the size cap the whole file is read once: archives and headers can hide anywhere in it.
        var content = await File.ReadAllBytesAsync(file.Path, cancellationToken);
        if (ArchiveSignatures.Find(content) is { } archive)
            throw Refuse(UploadRejection.Unprocessable, "file.polyglot", $"The file also carries a {archive} archive; upload the receipt on its own.");

        var inspected = Sniff(content) switch
        {
            "application/pdf" => await PdfAsync(slot, file.Path, content, limits, pixels, cancellationToken),
            UblInvoice.ContentType => EInvoice(content),
            { } image => Image(image, ImageHeaders.Read(image, content)),
            _ => throw Refuse(UploadRejection.UnsupportedType, "type.unsupported",
                "Only JPEG, PNG, HEIC/HEIF, TIFF, WebP and PDF receipts and UBL 2.1 e-invoices are accepted."),
        };

        if (!DeclaredTypeAgrees(file.DeclaredContentType, inspected.ContentType))
            throw Refuse(UploadRejection.UnsupportedType, "type.mismatch",
                $"The file was declared as {file.DeclaredContentType} but its content is {inspected.ContentType}.");
        return inspected;

        // Every image the file holds (TIFF pages, HEIF items) must fit; the first is the one shown and read.
        InspectedFile Image(string contentType, DeclaredImages declared)
        {
            var images = declared.Sizes;
            if (images.Count == 0 || images.Any(image => image is not { Width: > 0, Height: > 0 }))
                throw Refuse(UploadRejection.Unprocessable, "image.corrupt", "The image header is unreadable.");
            if (images.FirstOrDefault(image => !pixels.Fits(image.Width, image.Height)) is { Width: > 0 } tooLarge)
                throw Refuse(UploadRejection.Unprocessable, "image.too_large",
                    $"The image is {tooLarge.Width} × {tooLarge.Height} pixels; the limit is {pixels.MaxPixels} pixels and {pixels.MaxSidePixels} per side.");
            if (!declared.Complete)
                throw Refuse(UploadRejection.Unprocessable, "image.truncated", "The image is truncated.");
            return new InspectedFile(contentType, images[0].Width, images[0].Height, Pages: null);
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
        if (head.StartsWith("%PDF-"u8))
            return "application/pdf";
        return IsXml(head) ? UblInvoice.ContentType : null;
    }

    /// <summary>How much of the start decides between XML and HTML ("&lt;!doctype html" is 14 characters).</summary>
    private const int MarkupStartLength = 16;

    // Markup that is not a web page: HTML (which also opens with "<") is refused as a type, not read as XML.
    private static bool IsXml(ReadOnlySpan<byte> head)
    {
        var text = (head.StartsWith(Utf8Bom) ? head[Utf8Bom.Length..] : head).TrimStart(" \t\r\n"u8);
        var start = Encoding.ASCII.GetString(text[..Math.Min(text.Length, MarkupStartLength)]).ToLowerInvariant();
        return start.StartsWith('<') && !start.StartsWith("<!doctype html", StringComparison.Ordinal) && !start.StartsWith("<html", StringComparison.Ordinal);
    }

    // XML is taken only as a UBL invoice, and only one whose figures add up: what is stored is what will be booked.
    private static InspectedFile EInvoice(byte[] content)
    {
        try
        {
            UblInvoice.Read(new MemoryStream(content, writable: false));
        }
        catch (DomainException refused) when (refused.Code == UblInvoice.NotInvoice)
        {
            throw Refuse(UploadRejection.UnsupportedType, "type.unsupported", "Of XML files only UBL 2.1 invoices are accepted.");
        }
        catch (DomainException refused)
        {
            throw Refuse(UploadRejection.Unprocessable, refused.Code, refused.Message);
        }

        return new InspectedFile(UblInvoice.ContentType, null, null, Pages: null);
    }

    private static async Task<InspectedFile> PdfAsync(DocumentWorkSlot slot, string path, byte[] content, DocumentOptions limits, ImageBudget pixels, CancellationToken cancellationToken)
    {
        if (content.AsSpan()[Math.Max(0, content.Length - PdfEndWindow)..].LastIndexOf("%%EOF"u8) < 0)
            throw Refuse(UploadRejection.Unprocessable, "pdf.truncated", "The PDF is truncated (no end-of-file marker).");
        var pages = await QpdfChecker.CheckAsync(slot, path, limits.MaxPdfPages, pixels, cancellationToken);
        return new InspectedFile("application/pdf", null, null, pages.Count);
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
            "text/xml" => sniffed == UblInvoice.ContentType,
            _ => type == sniffed,
        };
    }

    internal static UploadRejectedException Refuse(UploadRejection rejection, string code, string reason) => new(rejection, code, reason);
}
