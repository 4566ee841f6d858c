using CleanLedger.Domain.Common;

namespace CleanLedger.Domain.Ledger;

public static class VatRates
{
    /// <summary>The rate a code charges, in basis points (2500 = 25 %); 0 where no VAT is charged on the base.</summary>
    public static int BasisPoints(this VatCode code) => code switch
    {
        VatCode.Vat25 => 2500,
        VatCode.Vat12 => 1200,
        VatCode.Vat6 => 600,
        VatCode.EuGoodsReverseCharge or VatCode.EuServicesReverseCharge or VatCode.NonEuServicesReverseCharge
            or VatCode.DomesticReverseCharge or VatCode.ImportGoods => 2500,
        _ => 0,
    };

    /// <summary>The buyer accounts for the VAT (output and input VAT both booked by the buyer).</summary>
    public static bool IsReverseCharge(this VatCode code) =>
        code is VatCode.EuGoodsReverseCharge or VatCode.EuServicesReverseCharge or VatCode.NonEuServicesReverseCharge
            or VatCode.DomesticReverseCharge or VatCode.ImportGoods;

    /// <summary>The first and last day of the temporary cut of VAT on food from 12 % to 6 % (restaurants and catering stay at 12 %).</summary>
    public static readonly (DateOnly From, DateOnly To) TemporaryFoodCut = (new DateOnly(2026, 4, 1), new DateOnly(2027, 12, 31));

    /// <summary>The VAT rate on food (livsmedel) sold in a shop on <paramref name="date"/>.</summary>
    public static VatCode FoodRateOn(DateOnly date) =>
        date >= TemporaryFoodCut.From && date <= TemporaryFoodCut.To ? VatCode.Vat6 : VatCode.Vat12;

    /// <summary>The code for a rate in whole percent as printed on receipts (25, 12, 6, 0).</summary>
    public static VatCode FromPercent(int percent) => percent switch
    {
        25 => VatCode.Vat25,
        12 => VatCode.Vat12,
        6 => VatCode.Vat6,
        0 => VatCode.ZeroRated,
        _ => throw new DomainException("vat.rate_unknown", $"{percent} % is not a Swedish VAT rate."),
    };

    /// <summary>A domestic rate charged by the seller (25, 12 or 6 %).</summary>
    public static bool IsDomesticRate(this VatCode code) => code is VatCode.Vat25 or VatCode.Vat12 or VatCode.Vat6;
}
