using System.Globalization;
using System.Text.RegularExpressions;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Organizations;

namespace CleanLedger.Domain.Ledger.Vat;

/// <summary>A VAT return period written as the organisation files: "2026-11" monthly, "2026-Q4" quarterly, "2026" yearly.</summary>
public sealed partial record VatReportPeriod(string Name, DateOnly From, DateOnly To)
{
    /// <summary>"YYYY-MM, YYYY-Qn or YYYY between 1900 and 2199": the periods any organisation may file, as messages state them.</summary>
    public static string Written => $"YYYY-MM, YYYY-Qn or YYYY, {BookkeepingDates.Window}";

    public static VatReportPeriod Parse(string? text, VatPeriod filing) =>
        TryParse(text, filing, out var period) ? period : throw Invalid(text, filing);

    /// <summary>Whether <paramref name="text"/> is a period of any filing frequency inside the books' window.</summary>
    public static bool IsWellFormed(string? text) => Enum.GetValues<VatPeriod>().Any(filing => TryParse(text, filing, out _));

    private static bool TryParse(string? text, VatPeriod filing, out VatReportPeriod period)
    {
        period = null!;
        var match = PeriodPattern().Match(text ?? "");
        if (!match.Success)
            return false;

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        int? firstMonth = filing switch
        {
            VatPeriod.Monthly when match.Groups["month"].Success => Number(match, "month", 12),
            VatPeriod.Quarterly when match.Groups["quarter"].Success => Number(match, "quarter", 4) is { } quarter ? ((quarter - 1) * 3) + 1 : null,
            VatPeriod.Yearly when !match.Groups["month"].Success && !match.Groups["quarter"].Success => 1,
            _ => null,
        };
        if (firstMonth is not { } month || !BookkeepingDates.ContainsYear(year))
            return false;

        var from = new DateOnly(year, month, 1);
        var months = filing switch { VatPeriod.Monthly => 1, VatPeriod.Quarterly => 3, _ => 12 };
        period = new VatReportPeriod(text!, from, from.AddMonths(months).AddDays(-1));
        return true;
    }

    private static int? Number(Match match, string group, int max) =>
        int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) is var value && value >= 1 && value <= max ? value : null;

    private static DomainException Invalid(string? text, VatPeriod filing) =>
        new("vat_period.invalid", $"'{text}' is not a {filing.ToString().ToLowerInvariant()} VAT period (use {Example(filing)}).");

    private static string Example(VatPeriod filing) => filing switch
    {
        VatPeriod.Monthly => "YYYY-MM",
        VatPeriod.Quarterly => "YYYY-Qn",
        _ => "YYYY",
    };

    [GeneratedRegex("^(?<year>[0-9]{4})(-(?<month>[0-9]{2})|-Q(?<quarter>[1-4]))?$")]
    private static partial Regex PeriodPattern();
}
