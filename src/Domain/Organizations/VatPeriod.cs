namespace CleanLedger.Domain.Organizations;

/// <summary>How often the organisation files its VAT return (momsdeklaration).</summary>
public enum VatPeriod
{
    Monthly,
    Quarterly,
    Yearly,
}
