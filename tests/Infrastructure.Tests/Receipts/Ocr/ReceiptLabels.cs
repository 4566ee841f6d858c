using System.Globalization;
using System.Text.Json;
using CleanLedger.Testing;

namespace CleanLedger.Infrastructure.Tests.Receipts.Ocr;

/// <summary>One line of a labels.jsonl in the shared receipts (only the fields these tests read).</summary>
public sealed record ReceiptLabel(string File, string? Total, string? OrgNumber, string? Render, string? Difficulty)
{
    private static readonly CultureInfo SwedishCulture = CultureInfo.GetCultureInfo("sv-SE");

    public static IReadOnlyList<ReceiptLabel> Read(string folder) =>
        System.IO.File.ReadLines(Path.Combine(folder, "labels.jsonl"))
            .Select(line => JsonSerializer.Deserialize<ReceiptLabel>(line, Json)!)
            .Select(label => label with { File = Path.Combine(folder, label.File) })
            .ToList();

    public static IReadOnlyList<ReceiptLabel> Swedish => Read(SharedData.SwedishReceiptsFolder);

    /// <summary>How a receipt prints the total: "116.40" as "116,40", "2196.80" as "2196,80" or "2 196,80".</summary>
    public string[] PrintedTotals()
    {
        var amount = decimal.Parse(Total!, CultureInfo.InvariantCulture);
        return [amount.ToString("0.00", SwedishCulture), amount.ToString("#,0.00", SwedishCulture).Replace('\u00a0', ' '), Total!];
    }

    public string ContentType => Path.GetExtension(File) switch
    {
        ".pdf" => "application/pdf",
        ".png" => "image/png",
        _ => "image/jpeg",
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
