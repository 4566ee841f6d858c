namespace CleanLedger.Application.Common;

/// <summary>Bookkeeping dates are Swedish calendar dates, whatever the server's time zone.</summary>
public static class SwedishTime
{
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public static DateOnly Today(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Stockholm).DateTime);
}
