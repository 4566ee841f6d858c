using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Receipts;
using CleanLedger.Testing;

namespace CleanLedger.Benchmarks;

/// <summary>
/// A business's month as it lives it: the receipts of a folder (labels.jsonl, files in date order)
/// are uploaded one at a time into a fresh organisation through the real Api (PostgreSQL, its job
/// server, clamd, the OCR pool). Whatever lands in review is approved at once with the labelled
/// values, the correction the owner would make (total and date; the lines when the proposal cannot
/// be completed), so a vendor's later receipts meet what was learned from its earlier ones. Prints
/// a row per receipt and, last, one JSON object. With --ocr-cache DIR each file's OCR text is kept
/// between runs (<see cref="CachingOcrEngine"/>), so a re-run costs the pipeline without Tesseract.
/// </summary>
/// <remarks>
/// Rates are over the receipts the law lets post without a person: a representation meal held only
/// because its guests and purpose must be written down is counted apart (representationHeld).
/// "wrong" counts receipts posted by themselves whose total, date or VAT differ from the label.
/// </remarks>
public static class BusinessMonth
{
    /// <summary>The accounts the owner books on when correcting by hand: the label's category → BAS.</summary>
    private static readonly IReadOnlyDictionary<string, int> CostAccountByCategory = new Dictionary<string, int>
    {
        ["grocery"] = 5460, ["kiosk"] = 5460, ["hardware"] = 5410, ["online"] = 5410, ["books"] = 6970,
        ["restaurant"] = 6071, ["takeaway"] = 6071, ["cafe"] = 6071, ["café"] = 6071,
        ["fuel"] = 5611, ["parking"] = 5800, ["taxi"] = 5800, ["train"] = 5810, ["hotel"] = 5831,
    };

    private const int InputVatAccount = 2641;
    private const int RoundingAccount = 3740;
    private const int BankAccount = 1930;
    private const int CashAccount = 1910;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: Benchmarks month <folder with labels.jsonl> [--ocr-cache DIR]");
            return 2;
        }

        var folder = args[0];
        var labels = File.ReadLines(Path.Combine(folder, "labels.jsonl")).Where(line => line.Length > 0)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        await using var host = new ApiBenchmarkHost(args.SkipWhile(arg => arg != "--ocr-cache").Skip(1).FirstOrDefault());
        await ((Xunit.IAsyncLifetime)host).InitializeAsync();
        using var client = host.CreateClient();
        var orgId = await CreateOrganizationAsync(client);

        var seenVendors = new HashSet<string>();
        var rows = new List<Outcome>();
        Console.WriteLine($"{"file",-18} {"vendor",-28} {"visit",-6} {"outcome",-12} reasons");
        foreach (var label in labels)
        {
            var file = label.GetProperty("file").GetString()!;
            var vendorId = label.TryGetProperty("vendor_id", out var id) ? id.GetString()! : file;
            var repeat = !seenVendors.Add(vendorId);
            var path = Path.Combine(folder, file);
            var (documentId, _, status) = await ApiBenchmarkHost.UploadUntilFinishedAsync(client, orgId, await File.ReadAllBytesAsync(path), file, ReceiptLabel.ContentTypeOf(path));
            var document = await client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/documents/{documentId}");
            var reasons = document.GetProperty("reviewReasons").EnumerateArray().Select(reason => reason.GetString()!).ToList();
            var outcome = new Outcome(file, label.GetProperty("vendor").GetString() ?? "", repeat, status, reasons,
                Wrong: status == "posted" && DiffersFromLabel(document, label));
            if (status == "needs_review")
                await ApproveAsLabelledAsync(client, orgId, documentId, label);
            rows.Add(outcome);
            Console.WriteLine($"{file,-18} {Truncate(outcome.Vendor, 28),-28} {(repeat ? "repeat" : "first"),-6} {(outcome.Wrong ? "posted WRONG" : status),-12} {string.Join(", ", reasons)}");
        }

        var representationHeld = rows.Count(row => row.Status == "needs_review" && row.Reasons is [ExpenseCategories.RepresentationNeedsGuests]);
        var eligible = rows.Where(row => !(row.Status == "needs_review" && row.Reasons is [ExpenseCategories.RepresentationNeedsGuests])).ToList();
        var summary = new
        {
            receipts = rows.Count,
            autopost = Rate(eligible),
            autopostRepeat = Rate(eligible.Where(row => row.Repeat).ToList()),
            wrong = rows.Count(row => row.Wrong),
            representationHeld,
            reasons = rows.SelectMany(row => row.Reasons).GroupBy(reason => reason).OrderByDescending(group => group.Count())
                .ToDictionary(group => group.Key, group => group.Count()),
        };
        Console.WriteLine(JsonSerializer.Serialize(summary));
        return 0;
    }

    private static double Rate(IReadOnlyList<Outcome> rows) =>
        rows.Count == 0 ? 0 : Math.Round((double)rows.Count(row => row.Status == "posted") / rows.Count, 3);

    private static async Task<Guid> CreateOrganizationAsync(HttpClient client)
    {
        var created = await client.PostAsJsonAsync("/api/v1/orgs", new { name = "Månadens Företag AB", orgNumber = "556677-8899", vatPeriod = "quarterly", fiscalYearStart = "01-01" });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    // What the owner corrects: the total and the date; the whole booking only when the proposal cannot be completed.
    private static async Task ApproveAsLabelledAsync(HttpClient client, Guid orgId, Guid documentId, JsonElement label)
    {
        var approve = $"/api/v1/orgs/{orgId}/review/{documentId}/approve";
        var response = await client.PostAsJsonAsync(approve, new { total = label.GetProperty("total").GetString(), date = label.GetProperty("date").GetString() });
        if (response.IsSuccessStatusCode)
            return;

        var lines = await client.PostAsJsonAsync(approve, new { date = label.GetProperty("date").GetString(), total = label.GetProperty("total").GetString(), lines = LinesOf(label) });
        if (!lines.IsSuccessStatusCode)
            Console.WriteLine($"  approval refused: {(int)lines.StatusCode} {await lines.Content.ReadAsStringAsync()}");
    }

    // Net per rate on the category's cost account, input VAT per rate, any öre rounding, paid from the bank or the till.
    private static List<object> LinesOf(JsonElement label)
    {
        var category = label.GetProperty("category").GetString() ?? "";
        var costAccount = CostAccountByCategory.GetValueOrDefault(category, 5460).ToString(CultureInfo.InvariantCulture);
        var total = Ore(label.GetProperty("total").GetString()!);
        var lines = new List<object>();
        var booked = 0L;
        foreach (var vat in label.GetProperty("vat").EnumerateArray())
        {
            var (net, amount) = (Ore(vat.GetProperty("net").GetString()!), Ore(vat.GetProperty("amount").GetString()!));
            lines.Add(new { account = costAccount, debit = Money.FormatKronor(net), vatCode = $"vat{vat.GetProperty("rate").GetInt32()}" });
            lines.Add(new { account = InputVatAccount.ToString(CultureInfo.InvariantCulture), debit = Money.FormatKronor(amount) });
            booked += net + amount;
        }

        if (booked == 0)
            lines.Add(new { account = costAccount, debit = Money.FormatKronor(total) });
        else if (total != booked)
            lines.Add(total > booked
                ? new { account = RoundingAccount.ToString(CultureInfo.InvariantCulture), debit = Money.FormatKronor(total - booked) }
                : (object)new { account = RoundingAccount.ToString(CultureInfo.InvariantCulture), credit = Money.FormatKronor(booked - total) });
        var paidFrom = label.GetProperty("payment").GetString() == "cash" ? CashAccount : BankAccount;
        lines.Add(new { account = paidFrom.ToString(CultureInfo.InvariantCulture), credit = Money.FormatKronor(total) });
        return lines;
    }

    private static bool DiffersFromLabel(JsonElement document, JsonElement label)
    {
        if (document.GetProperty("extraction") is not { ValueKind: JsonValueKind.Object } extraction)
            return true;
        var total = extraction.GetProperty("totalOre") is { ValueKind: JsonValueKind.Number } read ? read.GetInt64() : (long?)null;
        var date = extraction.GetProperty("date").GetString();
        var vat = string.Join(";", extraction.GetProperty("vat").EnumerateArray().Select(rate => $"{rate.GetProperty("rate").GetInt32()}:{rate.GetProperty("amountOre").GetInt64()}").Order());
        var labelledVat = string.Join(";", label.GetProperty("vat").EnumerateArray().Select(rate => $"{rate.GetProperty("rate").GetInt32()}:{Ore(rate.GetProperty("amount").GetString()!)}").Order());
        return total != Ore(label.GetProperty("total").GetString()!) || date != label.GetProperty("date").GetString() || vat != labelledVat;
    }

    private static long Ore(string kronor) => (long)(decimal.Parse(kronor, CultureInfo.InvariantCulture) * 100);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private sealed record Outcome(string File, string Vendor, bool Repeat, string Status, IReadOnlyList<string> Reasons, bool Wrong);
}
