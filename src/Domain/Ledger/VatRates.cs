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

    /// <summary>A domestic rate charged by the seller (25, 12 or 6 %).</summary>
    public static bool IsDomesticRate(this VatCode code) => code is VatCode.Vat25 or VatCode.Vat12 or VatCode.Vat6;
}
