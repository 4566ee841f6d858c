using System.Globalization;
using System.Text.RegularExpressions;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Organizations;

namespace CleanLedger.Domain.Ledger.Vat;

/// <summary>A VAT return period written as the organisation files: "2026-11" monthly, "2026-Q4" quarterly, "2026" yearly.</summary>
public sealed partial record VatReportPeriod(string Name, DateOnly From, DateOnly To)
{
    public static VatReportPeriod Parse(string? text, VatPeriod filing)
    {
        var match = PeriodPattern().Match(text ?? "");
        if (!match.Success)
            throw Invalid(text, filing);

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (!BookkeepingDates.ContainsYear(year))
            throw new DomainException("vat_period.invalid", $"'{text}' is not a period {BookkeepingDates.Window}.");
        var (from, months) = filing switch
        {
            VatPeriod.Monthly when match.Groups["month"].Success => (new DateOnly(year, Number(match, "month", 12), 1), 1),
            VatPeriod.Quarterly when match.Groups["quarter"].Success => (new DateOnly(year, ((Number(match, "quarter", 4) - 1) * 3) + 1, 1), 3),
            VatPeriod.Yearly when !match.Groups["month"].Success && !match.Groups["quarter"].Success => (new DateOnly(year, 1, 1), 12),
            _ => throw Invalid(text, filing),
        };
        return new VatReportPeriod(text!, from, from.AddMonths(months).AddDays(-1));
    }

    private static int Number(Match match, string group, int max)
    {
        var value = int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        return value is >= 1 && value <= max ? value : throw new DomainException("vat_period.invalid", $"'{match.Value}' is not a period.");
    }

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
