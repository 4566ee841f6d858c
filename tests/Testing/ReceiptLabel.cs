using System.Globalization;
using System.Text.Json;
namespace CleanLedger.Testing;

/// <summary>One line of a labels.jsonl in the shared receipts (the fields tests read); <see cref="File"/> is the full path.</summary>
public sealed record ReceiptLabel(
    string File,
    string? Total,
    string? OrgNumber,
    string? Render,
    string? Difficulty,
    string? Vendor = null,
    string? Date = null,
    IReadOnlyList<LabelledVat>? Vat = null,
    string? Payment = null,
    string? Category = null)
{
    private static readonly CultureInfo SwedishCulture = CultureInfo.GetCultureInfo("sv-SE");

    public static IReadOnlyList<ReceiptLabel> Read(string folder) =>
        System.IO.File.ReadLines(Path.Combine(folder, "labels.jsonl"))
            .Select(line => JsonSerializer.Deserialize<ReceiptLabel>(line, Json)!)
            .Select(label => label with { File = Path.Combine(folder, label.File) })
            .ToList();

    public static IReadOnlyList<ReceiptLabel> Swedish => Read(SharedData.SwedishReceiptsFolder);

    public static ReceiptLabel SwedishReceipt(string fileName) => Swedish.Single(label => Path.GetFileName(label.File) == fileName);

    public string FileName => Path.GetFileName(File);

    public long TotalOre => (long)(decimal.Parse(Total!, CultureInfo.InvariantCulture) * 100);

    /// <summary>How a receipt prints the total: "116.40" as "116,40", "2196.80" as "2196,80" or "2 196,80".</summary>
    public string[] PrintedTotals()
    {
        var amount = decimal.Parse(Total!, CultureInfo.InvariantCulture);
        return [amount.ToString("0.00", SwedishCulture), amount.ToString("#,0.00", SwedishCulture).Replace('\u00a0', ' '), Total!];
    }

    public string ContentType => ContentTypeOf(File);

    /// <summary>The media type of a receipt file in the shared data, by its extension.</summary>
    public static string ContentTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".png" => "image/png",
        _ => "image/jpeg",
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}

/// <summary>One VAT rate on a labelled receipt, amounts as printed ("4.39").</summary>
public sealed record LabelledVat(int Rate, string Amount, string Net)
{
    public long AmountOre => (long)(decimal.Parse(Amount, CultureInfo.InvariantCulture) * 100);
}
