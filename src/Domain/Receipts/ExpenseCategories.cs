using CleanLedger.Domain.Ledger;

namespace CleanLedger.Domain.Receipts;

/// <summary>
/// A kind of purchase a receipt can be recognised as: the BAS cost account it is booked on, the VAT
/// it carries when the receipt prints no VAT table, and whether a person must look at it anyway.
/// </summary>
/// <param name="Code">A stable name, e.g. "fuel".</param>
/// <param name="Account">The BAS cost account.</param>
/// <param name="SingleRate">The one rate such purchases carry, used to derive the VAT from the total; null when goods at several rates are usual (a shop).</param>
/// <param name="ReviewReason">Set when the law needs facts a receipt does not show (guests and purpose of representation).</param>
/// <param name="Keywords">Lower-case words or word pairs that recognise the category.</param>
public sealed record ExpenseCategory(string Code, int Account, Func<DateOnly, VatCode>? SingleRate, string? ReviewReason, params string[] Keywords)
{
    /// <summary>The single rate is only the likely one (a shop may sell goods at other rates too): a derived VAT needs a person's look.</summary>
    public bool RateIsAssumed { get; init; }
}

/// <summary>
/// The category table (docs/receipt-pipeline.md): keywords matched as whole words in the vendor's
/// name first, then anywhere in the receipt's text; the first category with a hit wins, so the
/// more specific kinds come first.
/// </summary>
public static class ExpenseCategories
{
    public const string RepresentationNeedsGuests = ReviewReasonCodes.RepresentationNeedsGuests;

    public static readonly ExpenseCategory Fuel = new("fuel", 5611, _ => VatCode.Vat25, null,
        "bensin", "diesel", "drivmedel", "blyfri", "hvo", "e85", "circle k", "preem", "okq8", "st1", "ingo");

    public static readonly ExpenseCategory Parking = new("parking", 5800, _ => VatCode.Vat25, null,
        "parkering", "parkeringsavgift", "p-avgift", "p-biljett", "parking", "easypark", "apcoa", "aimo park", "parkster");

    public static readonly ExpenseCategory Taxi = new("taxi", 5800, _ => VatCode.Vat6, null,
        "taxi", "taxameter", "uber", "bolt", "cabonline");

    public static readonly ExpenseCategory Train = new("train", 5810, _ => VatCode.Vat6, null,
        "sj", "-tåg", "tågbiljett", "mtr", "öresundståg", "resenär", "avgång", "snälltåget", "västtrafik");

    public static readonly ExpenseCategory Lodging = new("lodging", 5831, _ => VatCode.Vat12, null,
        "hotell", "hotel", "övernattning", "incheckning", "utcheckning", "vandrarhem", "scandic", "best western");

    public static readonly ExpenseCategory Restaurant = new("representation", 6071, null, RepresentationNeedsGuests,
        "restaurang", "restaurant", "bistro", "krog", "pizzeria", "sushi", "café", "cafe", "kafé", "konditori",
        "lunch", "middag", "servering", "dricks", "gäster", "take away", "takeaway", "avhämtning");

    public static readonly ExpenseCategory Books = new("books", 6970, null, null,
        "bokhandel", "bokhandeln", "böcker", "adlibris", "bokus", "akademibokhandeln", "tidning", "tidskrift");

    public static readonly ExpenseCategory Software = new("software", 5420, _ => VatCode.Vat25, null,
        "programvara", "licens", "software", "subscription", "saas", "molntjänst");

    public static readonly ExpenseCategory Phone = new("phone", 6212, _ => VatCode.Vat25, null,
        "telia", "tele2", "telenor", "comviq", "mobilabonnemang");

    public static readonly ExpenseCategory OfficeSupplies = new("office_supplies", 6110, _ => VatCode.Vat25, null,
        "kontorsmaterial", "papper", "toner", "bläck", "pärm", "pennor", "kuvert", "staples", "lyreco");

    public static readonly ExpenseCategory Hardware = new("hardware", 5410, _ => VatCode.Vat25, null,
        "järn", "järnhandel", "bygg", "byggmax", "bauhaus", "k-rauta", "beijer", "verktyg", "skruv", "färg", "clas ohlson");

    /// <summary>
    /// Food and everyday goods from a shop: coffee and fruit for the staff (personalvård). Without a
    /// VAT table the food rate of the purchase date is assumed (6 % from 2026-04-01 to 2027-12-31, else 12 %).
    /// </summary>
    public static readonly ExpenseCategory Groceries = new("groceries", 7690, VatRates.FoodRateOn, null,
        "ica", "coop", "willys", "hemköp", "lidl", "city gross", "livs", "livsmedel", "matbutik", "handlarn", "konsum", "pant",
        "kiosk", "pressbyrån", "7-eleven", "frukt", "kaffe", "mjölk")
    {
        RateIsAssumed = true,
    };

    /// <summary>Nothing recognised: a deductible other cost, always for a person to confirm.</summary>
    public static readonly ExpenseCategory Unknown = new("unknown", 6991, null, ReviewReasonCodes.CategoryUnknown);

    public static IReadOnlyList<ExpenseCategory> All { get; } =
        [Fuel, Parking, Taxi, Train, Lodging, Restaurant, Books, Software, Phone, OfficeSupplies, Hardware, Groceries];

    /// <summary>The first category whose keyword appears in the vendor's name, else in the text; else <see cref="Unknown"/>.</summary>
    public static ExpenseCategory Recognise(string? vendor, string text) =>
        FirstMatch(Words.Of(vendor ?? "")) ?? FirstMatch(Words.Of(text)) ?? Unknown;

    private static ExpenseCategory? FirstMatch(HashSet<string> words) =>
        All.FirstOrDefault(category => category.Keywords.Any(keyword => words.Any(word => Matches(word, keyword))));

    // Swedish joins words: "Parkeringsbolaget", "Citytaxi", "Snabbtåg". A keyword of four letters or
    // more also matches at the start or end of a word; "-tåg" matches only at the end; shorter
    // keywords ("sj", "ica") only whole.
    private static bool Matches(string word, string keyword) =>
        keyword[0] == '-' ? word.EndsWith(keyword[1..], StringComparison.Ordinal)
        : keyword.Length >= 4 ? word.StartsWith(keyword, StringComparison.Ordinal) || word.EndsWith(keyword, StringComparison.Ordinal)
        : word == keyword;

    public static ExpenseCategory? ForAccount(int account) => All.FirstOrDefault(category => category.Account == account);
}
