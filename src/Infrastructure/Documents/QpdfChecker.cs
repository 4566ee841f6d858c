using System.Text;
using System.Text.Json;
using CleanLedger.Application.Documents;

namespace CleanLedger.Infrastructure.Documents;

/// <summary>
/// Checks a PDF's structure with qpdf and refuses what a receipt never needs: encryption, more
/// pages than the cap, a page too large for the <see cref="ImageBudget"/> even at the lowest
/// resolution, streams that expand past the budget, and active content (every action that leaves
/// the page or runs something, links other than plain web and mail links, embedded files, media,
/// XFA forms). The same check runs at upload and again before OCR.
/// </summary>
/// <remarks>
/// qpdf describes the document as JSON: every object, those in compressed object streams too, with
/// names in their plain form (#-escapes undone) and strings decoded, so names and link targets are
/// read as values, not searched for in bytes. The original bytes are what is stored (as received,
/// BFNAR 2013:2 p. 7.2); see docs/adr/0009 and docs/adr/0015.
/// </remarks>
public static class QpdfChecker
{
    /// <summary>The JSON description of a receipt is a few kilobytes; one of this size is no receipt.</summary>
    private const long MaxDescriptionBytes = 16 * 1024 * 1024;

    /// <summary>Page-tree depth beyond which the tree is taken as a loop.</summary>
    private const int MaxTreeDepth = 64;

    /// <summary>The media box a page without one has (poppler's default, US Letter).</summary>
    private static readonly Rectangle DefaultMediaBox = new(0, 0, 612, 792);

    /// <summary>
    /// Action types and dictionary keys of active content: actions that open other files or
    /// programs (GoToR, GoToE, Launch), send or load data (SubmitForm, ImportData), run script
    /// (JavaScript, JS), play media (Rendition, RichMedia, Sound, Movie), carry files (EmbeddedFiles,
    /// EmbeddedFile, FileAttachment) or an XFA form. /URI is judged by its target.
    /// </summary>
    private static readonly HashSet<string> ActiveNames = new(StringComparer.Ordinal)
    {
        "/GoToR", "/GoToE", "/Launch", "/SubmitForm", "/ImportData", "/JavaScript", "/JS",
        "/Rendition", "/RichMedia", "/Sound", "/Movie", "/EmbeddedFiles", "/EmbeddedFile", "/FileAttachment", "/XFA",
    };

    /// <summary>Link targets a receipt may carry: the seller's web site, an e-mail address.</summary>
    private static readonly string[] PlainLinkSchemes = ["http://", "https://", "mailto:"];

    /// <summary>Space and the control characters, which viewers skip before a link's scheme.</summary>
    private static readonly char[] SkippedBeforeScheme = [.. Enumerable.Range(0, 0x21).Select(code => (char)code)];

    /// <param name="slot">The document work slot the checks run under (qpdf's address space).</param>
    /// <param name="path">The PDF.</param>
    /// <param name="maxPages">The page cap.</param>
    /// <param name="budget">The pixel and inflate budget.</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <returns>The size of each page.</returns>
    /// <exception cref="UploadRejectedException">The PDF is refused.</exception>
    public static async Task<IReadOnlyList<PdfPageSize>> CheckAsync(DocumentWorkSlot slot, string path, int maxPages, ImageBudget budget, CancellationToken cancellationToken)
    {
        var (encrypted, _) = await Qpdf.RunAsync(slot, cancellationToken, "--is-encrypted", path);
        if (encrypted == 0)
            throw Refuse("pdf.encrypted", "The PDF is encrypted; upload it without a password.");

        var pages = await DescribeAsync(slot, path, maxPages, budget, cancellationToken);

        // Every stream decoded, counted as qpdf writes it and never held: the text layer, fonts and images are all in it.
        var (inflateExit, _) = await Qpdf.RunAsync(
            slot,
            ["--decode-level=generalized", "--compress-streams=n", "--object-streams=disable", path, "-"],
            budget.MaxPdfInflatedBytes,
            async (output, token) => { await output.CopyToAsync(Stream.Null, token); return 0; },
            cancellationToken);
        if (inflateExit is not (0 or Qpdf.WarningsExitCode))
            throw Refuse("pdf.corrupt", "The PDF's streams cannot be decoded.");
        return pages;
    }

    private static async Task<IReadOnlyList<PdfPageSize>> DescribeAsync(DocumentWorkSlot slot, string path, int maxPages, ImageBudget budget, CancellationToken cancellationToken)
    {
        var (exitCode, description) = await Qpdf.RunAsync(
            slot,
            ["--json=2", "--json-key=pages", "--json-key=qpdf", path],
            MaxDescriptionBytes,
            async (output, token) =>
            {
                try
                {
                    return await JsonDocument.ParseAsync(output, cancellationToken: token);
                }
                catch (JsonException)
                {
                    return null;
                }
            },
            cancellationToken);
        using (description)
        {
            if (exitCode is not (0 or Qpdf.WarningsExitCode) || description is null
                || !description.RootElement.TryGetProperty("pages", out var pageList)
                || !description.RootElement.TryGetProperty("qpdf", out var qpdf) || qpdf.GetArrayLength() < 2)
                throw Refuse("pdf.corrupt", "The PDF's structure is broken beyond repair.");

            var objects = qpdf[1];
            if (pageList.GetArrayLength() > maxPages)
                throw Refuse("pdf.too_many_pages", $"The PDF has {pageList.GetArrayLength()} pages; the limit is {maxPages}.");
            if (FindActiveContent(objects) is { } found)
                throw Refuse("pdf.active_content", $"The PDF carries active content ({found}); receipts must not.");

            var sizes = new List<PdfPageSize>();
            foreach (var page in pageList.EnumerateArray())
            {
                var size = PageSize(objects, Resolve(objects, page.GetProperty("object")));
                if (budget.RasterSize(size) is null)
                    throw Refuse("pdf.page_too_large",
                        $"Page {sizes.Count + 1} is {size.WidthPoints:0} × {size.HeightPoints:0} points; at {budget.MinPdfRasterDpi} dpi it would pass the limit of {budget.MaxPixels} pixels and {budget.MaxSidePixels} per side.");
                sizes.Add(size);
            }

            return sizes;
        }
    }

    private static string? FindActiveContent(JsonElement objects)
    {
        foreach (var entry in objects.EnumerateObject())
        {
            var body = entry.Value.TryGetProperty("value", out var value) ? value
                : entry.Value.TryGetProperty("stream", out var stream) && stream.TryGetProperty("dict", out var dict) ? dict
                : default;
            if (body.ValueKind != JsonValueKind.Undefined && Active(body) is { } found)
                return found;
        }

        return null;

        string? Active(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (ActiveNames.Contains(property.Name) && !IsEmptyNameTree(objects, property.Value))
                            return property.Name;
                        if (property.Name == "/URI" && LinkTarget(objects, property.Value) is { } target && !IsPlainLink(target))
                            return $"/URI {target}";
                        if (Active(property.Value) is { } inside)
                            return inside;
                    }

                    return null;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        if (Active(item) is { } inside)
                            return inside;
                    }

                    return null;
                case JsonValueKind.String:
                    var text = element.GetString()!;
                    return ActiveNames.Contains(text) ? text : null;
                default:
                    return null;
            }
        }
    }

    /// <summary>
    /// A name tree without entries (/Names [] and no /Kids with any): some writers leave an empty
    /// /EmbeddedFiles or /JavaScript tree in every document; there is nothing in it to run or open.
    /// </summary>
    private static bool IsEmptyNameTree(JsonElement objects, JsonElement value)
    {
        var tree = Resolve(objects, value);
        return tree.ValueKind == JsonValueKind.Object
            && tree.EnumerateObject().All(entry => entry.Name is "/Names" or "/Kids" or "/Limits")
            && tree.EnumerateObject().Where(entry => entry.Name is "/Names" or "/Kids")
                .All(entry => Resolve(objects, entry.Value) is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() == 0);
    }

    /// <summary>
    /// The target of a /URI entry as text; null for the catalog's URI dictionary (a base for relative
    /// links, no action). A target that is not a string is returned as written, and so never plain.
    /// </summary>
    private static string? LinkTarget(JsonElement objects, JsonElement value)
    {
        var target = Resolve(objects, value);
        if (target.ValueKind == JsonValueKind.Object)
            return null;
        var text = target.ValueKind == JsonValueKind.String ? target.GetString()! : target.GetRawText();
        return text switch
        {
            _ when text.StartsWith("u:", StringComparison.Ordinal) => text[2..],
            _ when text.StartsWith("b:", StringComparison.Ordinal) => Encoding.Latin1.GetString(Convert.FromHexString(text[2..])),
            _ => text,
        };
    }

    private static bool IsPlainLink(string target)
    {
        var trimmed = target.TrimStart(SkippedBeforeScheme);
        return PlainLinkSchemes.Any(scheme => trimmed.StartsWith(scheme, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The visible area of a page: its crop box (inherited) within its media box (inherited), times its /UserUnit.</summary>
    private static PdfPageSize PageSize(JsonElement objects, JsonElement page)
    {
        var media = Box(objects, Inherited(objects, page, "/MediaBox")) ?? DefaultMediaBox;
        var visible = Box(objects, Inherited(objects, page, "/CropBox")) is { } crop ? media.Intersect(crop) ?? media : media;
        var unit = page.TryGetProperty("/UserUnit", out var userUnit) && Resolve(objects, userUnit) is { ValueKind: JsonValueKind.Number } number
            ? number.GetDouble()
            : 1;
        return new PdfPageSize(visible.Width * unit, visible.Height * unit);
    }

    private static JsonElement? Inherited(JsonElement objects, JsonElement node, string key)
    {
        for (var depth = 0; depth < MaxTreeDepth && node.ValueKind == JsonValueKind.Object; depth++)
        {
            if (node.TryGetProperty(key, out var value))
                return Resolve(objects, value);
            if (!node.TryGetProperty("/Parent", out var parent))
                return null;
            node = Resolve(objects, parent);
        }

        return null;
    }

    private static Rectangle? Box(JsonElement objects, JsonElement? box)
    {
        if (box is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() != 4)
            return null;
        var corners = array.EnumerateArray().Select(corner => Resolve(objects, corner)).ToList();
        if (corners.Any(corner => corner.ValueKind != JsonValueKind.Number))
            return null;
        var (x1, y1, x2, y2) = (corners[0].GetDouble(), corners[1].GetDouble(), corners[2].GetDouble(), corners[3].GetDouble());
        return new Rectangle(Math.Min(x1, x2), Math.Min(y1, y2), Math.Max(x1, x2), Math.Max(y1, y2));
    }

    /// <summary>An indirect reference ("12 0 R") replaced by its object's value; anything else as it is.</summary>
    private static JsonElement Resolve(JsonElement objects, JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { } text && text.EndsWith(" R", StringComparison.Ordinal)
            && objects.TryGetProperty($"obj:{text}", out var target) && target.TryGetProperty("value", out var resolved)
            ? resolved
            : value;

    private static UploadRejectedException Refuse(string code, string reason) => new(UploadRejection.Unprocessable, code, reason);

    private readonly record struct Rectangle(double Left, double Bottom, double Right, double Top)
    {
        public double Width => Right - Left;

        public double Height => Top - Bottom;

        /// <summary>The overlap, or null when there is none (poppler then shows the media box).</summary>
        public Rectangle? Intersect(Rectangle other)
        {
            var overlap = new Rectangle(Math.Max(Left, other.Left), Math.Max(Bottom, other.Bottom), Math.Min(Right, other.Right), Math.Min(Top, other.Top));
            return overlap is { Width: > 0, Height: > 0 } ? overlap : null;
        }
    }
}
