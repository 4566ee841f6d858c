namespace CleanLedger.Domain.Ledger;

/// <summary>
/// How VAT applies to a line. On a cost or revenue line it says which VAT the line's amount is
/// the net base for; on a VAT account line it says which rate that VAT is.
/// </summary>
public enum VatCode
{
    /// <summary>Outside the scope of VAT (bank fees, salaries, transfers).</summary>
    None,

    /// <summary>Swedish VAT 25 %.</summary>
    Vat25,

    /// <summary>Swedish VAT 12 % (food until 2026-03-31 and from 2028, restaurants, hotels).</summary>
    Vat12,

    /// <summary>Swedish VAT 6 % (passenger transport, books, culture; food 2026-04-01–2027-12-31).</summary>
    Vat6,

    /// <summary>Zero-rated with the right to deduct (export, intra-EU supply of goods).</summary>
    ZeroRated,

    /// <summary>Exempt, without the right to deduct (healthcare, insurance, finance, residential rent).</summary>
    Exempt,

    /// <summary>Goods bought from another EU country: reverse charge 25 % (box 20, 30, 48).</summary>
    EuGoodsReverseCharge,

    /// <summary>Services bought from another EU country: reverse charge 25 % (box 21, 30, 48).</summary>
    EuServicesReverseCharge,

    /// <summary>Services bought from outside the EU: reverse charge 25 % (box 22, 30, 48).</summary>
    NonEuServicesReverseCharge,

    /// <summary>Domestic reverse charge, e.g. construction services (box 24, 30, 48).</summary>
    DomesticReverseCharge,

    /// <summary>Import of goods from outside the EU, VAT 25 % reported by the importer (box 50, 60, 48).</summary>
    ImportGoods,
}
