namespace CleanLedger.Domain.Ledger;

/// <summary>
/// The BAS-based chart every new organisation starts with: the accounts a Swedish small
/// business (aktiebolag or enskild firma) uses most, with names as in recent BAS editions.
/// Each account carries its usual VAT code and, where the mapping is certain, the INK2 SRU code
/// (null where the field depends on the business, e.g. class 4 purchases, or on the sign, e.g. 8999).
/// </summary>
public static class BasChart
{
    public static IReadOnlyList<Account> SmallBusinessAccounts { get; } =
    [
        // 1 Tillgångar
        new(new AccountNumber(1220), "Inventarier och verktyg", AccountType.Asset, VatCode.None, "7215"),
        new(new AccountNumber(1229), "Ackumulerade avskrivningar på inventarier och verktyg", AccountType.Asset, VatCode.None, "7215"),
        new(new AccountNumber(1510), "Kundfordringar", AccountType.Asset, VatCode.None, "7251"),
        new(new AccountNumber(1610), "Kortfristiga fordringar hos anställda", AccountType.Asset, VatCode.None, "7261"),
        new(new AccountNumber(1630), "Avräkning för skatter och avgifter (skattekonto)", AccountType.Asset, VatCode.None, "7261"),
        new(new AccountNumber(1650), "Momsfordran", AccountType.Asset, VatCode.None, "7261"),
        new(new AccountNumber(1790), "Övriga förutbetalda kostnader och upplupna intäkter", AccountType.Asset, VatCode.None, "7263"),
        new(new AccountNumber(1910), "Kassa", AccountType.Asset, VatCode.None, "7281"),
        new(new AccountNumber(1920), "PlusGiro", AccountType.Asset, VatCode.None, "7281"),
        new(new AccountNumber(1930), "Företagskonto/checkkonto/affärskonto", AccountType.Asset, VatCode.None, "7281"),
        new(new AccountNumber(1940), "Övriga bankkonton", AccountType.Asset, VatCode.None, "7281"),

        // 2 Eget kapital och skulder (20 eget kapital: 2010–2018 enskild firma, which files NE, not INK2)
        new(new AccountNumber(2010), "Eget kapital, delägare 1", AccountType.Liability, VatCode.None, null),
        new(new AccountNumber(2012), "Avräkning för skatter och avgifter (skattekonto)", AccountType.Liability, VatCode.None, null),
        new(new AccountNumber(2013), "Övriga egna uttag", AccountType.Liability, VatCode.None, null, InputVatDeductible: false),
        new(new AccountNumber(2018), "Övriga egna insättningar", AccountType.Liability, VatCode.None, null),
        new(new AccountNumber(2081), "Aktiekapital", AccountType.Liability, VatCode.None, "7301"),
        new(new AccountNumber(2091), "Balanserad vinst eller förlust", AccountType.Liability, VatCode.None, "7302"),
        new(new AccountNumber(2098), "Vinst eller förlust från föregående år", AccountType.Liability, VatCode.None, "7302"),
        new(new AccountNumber(2099), "Årets resultat", AccountType.Liability, VatCode.None, "7302"),

        // 23–25 Långfristiga skulder, leverantörsskulder, skatteskulder
        new(new AccountNumber(2350), "Andra långfristiga skulder till kreditinstitut", AccountType.Liability, VatCode.None, "7352"),
        new(new AccountNumber(2440), "Leverantörsskulder", AccountType.Liability, VatCode.None, "7365"),
        new(new AccountNumber(2510), "Skatteskulder", AccountType.Liability, VatCode.None, "7368"),

        // 26 Moms: output VAT accounts carry their rate; input VAT takes the rate from the line
        new(new AccountNumber(2610), "Utgående moms, 25 %", AccountType.Liability, VatCode.Vat25, "7369"),
        new(new AccountNumber(2611), "Utgående moms på försäljning inom Sverige, 25 %", AccountType.Liability, VatCode.Vat25, "7369"),
        new(new AccountNumber(2614), "Utgående moms omvänd skattskyldighet, 25 %", AccountType.Liability, VatCode.Vat25, "7369"),
        new(new AccountNumber(2615), "Utgående moms import av varor, 25 %", AccountType.Liability, VatCode.Vat25, "7369"),
        new(new AccountNumber(2617), "Utgående moms omvänd skattskyldighet varor och tjänster i Sverige, 25 %", AccountType.Liability, VatCode.Vat25, "7369"),
        new(new AccountNumber(2620), "Utgående moms, 12 %", AccountType.Liability, VatCode.Vat12, "7369"),
        new(new AccountNumber(2621), "Utgående moms på försäljning inom Sverige, 12 %", AccountType.Liability, VatCode.Vat12, "7369"),
        new(new AccountNumber(2624), "Utgående moms omvänd skattskyldighet, 12 %", AccountType.Liability, VatCode.Vat12, "7369"),
        new(new AccountNumber(2625), "Utgående moms import av varor, 12 %", AccountType.Liability, VatCode.Vat12, "7369"),
        new(new AccountNumber(2630), "Utgående moms, 6 %", AccountType.Liability, VatCode.Vat6, "7369"),
        new(new AccountNumber(2631), "Utgående moms på försäljning inom Sverige, 6 %", AccountType.Liability, VatCode.Vat6, "7369"),
        new(new AccountNumber(2634), "Utgående moms omvänd skattskyldighet, 6 %", AccountType.Liability, VatCode.Vat6, "7369"),
        new(new AccountNumber(2635), "Utgående moms import av varor, 6 %", AccountType.Liability, VatCode.Vat6, "7369"),
        new(new AccountNumber(2640), "Ingående moms", AccountType.Liability, VatCode.None, "7369"),
        new(new AccountNumber(2641), "Debiterad ingående moms", AccountType.Liability, VatCode.None, "7369"),
        new(new AccountNumber(2645), "Beräknad ingående moms på förvärv från utlandet", AccountType.Liability, VatCode.None, "7369"),
        new(new AccountNumber(2647), "Ingående moms omvänd skattskyldighet varor och tjänster i Sverige", AccountType.Liability, VatCode.None, "7369"),
        new(new AccountNumber(2650), "Redovisningskonto för moms", AccountType.Liability, VatCode.None, "7369"),

        // 27–29 Personalens skatter, övriga kortfristiga skulder, upplupna kostnader
        new(new AccountNumber(2710), "Personalskatt", AccountType.Liability, VatCode.None, "7369"),
        new(new AccountNumber(2730), "Lagstadgade sociala avgifter och särskild löneskatt", AccountType.Liability, VatCode.None, "7369"),
        new(new AccountNumber(2820), "Kortfristiga skulder till anställda", AccountType.Liability, VatCode.None, "7369"),
        new(new AccountNumber(2890), "Övriga kortfristiga skulder", AccountType.Liability, VatCode.None, "7369"),
        new(new AccountNumber(2893), "Skulder till närstående personer, kortfristig del", AccountType.Liability, VatCode.None, "7369"),
        new(new AccountNumber(2990), "Övriga upplupna kostnader och förutbetalda intäkter", AccountType.Liability, VatCode.None, "7370"),

        // 3 Rörelsens intäkter
        new(new AccountNumber(3001), "Försäljning inom Sverige, 25 % moms", AccountType.Revenue, VatCode.Vat25, "7410"),
        new(new AccountNumber(3002), "Försäljning inom Sverige, 12 % moms", AccountType.Revenue, VatCode.Vat12, "7410"),
        new(new AccountNumber(3003), "Försäljning inom Sverige, 6 % moms", AccountType.Revenue, VatCode.Vat6, "7410"),
        new(new AccountNumber(3004), "Försäljning inom Sverige, momsfri", AccountType.Revenue, VatCode.Exempt, "7410"),
        new(new AccountNumber(3105), "Försäljning varor till land utanför EU", AccountType.Revenue, VatCode.ZeroRated, "7410"),
        new(new AccountNumber(3108), "Försäljning varor till annat EU-land, momsfri", AccountType.Revenue, VatCode.ZeroRated, "7410"),
        new(new AccountNumber(3305), "Försäljning tjänster till land utanför EU", AccountType.Revenue, VatCode.ZeroRated, "7410"),
        new(new AccountNumber(3308), "Försäljning tjänster till annat EU-land", AccountType.Revenue, VatCode.ZeroRated, "7410"),
        new(new AccountNumber(3740), "Öres- och kronutjämning", AccountType.Revenue, VatCode.None, "7410"),
        new(new AccountNumber(3960), "Valutakursvinster på fordringar och skulder av rörelsekaraktär", AccountType.Revenue, VatCode.None, "7413"),

        // 4 Varor, material och vissa köpta tjänster (SRU 7511 or 7512 depends on the business)
        new(new AccountNumber(4000), "Inköp av varor från Sverige", AccountType.Expense, VatCode.Vat25, null),
        new(new AccountNumber(4010), "Inköp material och varor", AccountType.Expense, VatCode.Vat25, null),
        new(new AccountNumber(4425), "Inköpta tjänster i Sverige, omvänd skattskyldighet, 25 %", AccountType.Expense, VatCode.DomesticReverseCharge, null),
        new(new AccountNumber(4515), "Inköp av varor från annat EU-land, 25 %", AccountType.Expense, VatCode.EuGoodsReverseCharge, null),
        new(new AccountNumber(4531), "Inköp av tjänster från ett land utanför EU, 25 %", AccountType.Expense, VatCode.NonEuServicesReverseCharge, null),
        new(new AccountNumber(4535), "Inköp av tjänster från annat EU-land, 25 %", AccountType.Expense, VatCode.EuServicesReverseCharge, null),
        new(new AccountNumber(4545), "Import av varor, 25 % moms", AccountType.Expense, VatCode.ImportGoods, null),

        // 5 Övriga externa kostnader: lokal, förbrukning, transportmedel, resor, reklam
        new(new AccountNumber(5010), "Lokalhyra", AccountType.Expense, VatCode.Vat25, "7513"),
        new(new AccountNumber(5060), "Städning och renhållning", AccountType.Expense, VatCode.Vat25, "7513"),
        new(new AccountNumber(5090), "Övriga lokalkostnader", AccountType.Expense, VatCode.Vat25, "7513"),
        new(new AccountNumber(5410), "Förbrukningsinventarier", AccountType.Expense, VatCode.Vat25, "7513"),
        new(new AccountNumber(5420), "Programvaror", AccountType.Expense, VatCode.Vat25, "7513"),
        new(new AccountNumber(5460), "Förbrukningsmaterial", AccountType.Expense, VatCode.Vat25, "7513"),
        new(new AccountNumber(5611), "Drivmedel för personbilar", AccountType.Expense, VatCode.Vat25, "7513"),
        new(new AccountNumber(5615), "Leasing av personbilar", AccountType.Expense, VatCode.Vat25, "7513"),
        new(new AccountNumber(5800), "Resekostnader (gruppkonto)", AccountType.Expense, VatCode.Vat25, "7513"),
        new(new AccountNumber(5810), "Biljetter", AccountType.Expense, VatCode.Vat6, "7513"),
        new(new AccountNumber(5820), "Hyrbilskostnader", AccountType.Expense, VatCode.Vat25, "7513"),
        new(new AccountNumber(5831), "Kost och logi i Sverige", AccountType.Expense, VatCode.Vat12, "7513"),
        new(new AccountNumber(5832), "Kost och logi i utlandet", AccountType.Expense, VatCode.None, "7513"),
        new(new AccountNumber(5910), "Annonsering", AccountType.Expense, VatCode.Vat25, "7513"),

        // 6 Övriga externa kostnader: försäljning, kontor, tele, försäkring, tjänster
        new(new AccountNumber(6071), "Representation, avdragsgill", AccountType.Expense, VatCode.Vat12, "7513"),
        new(new AccountNumber(6072), "Representation, ej avdragsgill", AccountType.Expense, VatCode.Vat12, "7513", InputVatDeductible: false),
        new(new AccountNumber(6110), "Kontorsmateriel", AccountType.Expense, VatCode.Vat25, "7513"),
        new(new AccountNumber(6211), "Fast telefoni", AccountType.Expense, VatCode.Vat25, "7513"),
        new(new AccountNumber(6212), "Mobiltelefon", AccountType.Expense, VatCode.Vat25, "7513"),
        new(new AccountNumber(6230), "Datakommunikation", AccountType.Expense, VatCode.Vat25, "7513"),
        new(new AccountNumber(6250), "Postbefordran", AccountType.Expense, VatCode.Vat25, "7513"),
        new(new AccountNumber(6310), "Företagsförsäkringar", AccountType.Expense, VatCode.Exempt, "7513"),
        new(new AccountNumber(6530), "Redovisningstjänster", AccountType.Expense, VatCode.Vat25, "7513"),
        new(new AccountNumber(6540), "IT-tjänster", AccountType.Expense, VatCode.Vat25, "7513"),
        new(new AccountNumber(6550), "Konsultarvoden", AccountType.Expense, VatCode.Vat25, "7513"),
        new(new AccountNumber(6570), "Bankkostnader", AccountType.Expense, VatCode.Exempt, "7513"),
        new(new AccountNumber(6590), "Övriga externa tjänster", AccountType.Expense, VatCode.Vat25, "7513"),
        new(new AccountNumber(6970), "Tidningar, tidskrifter och facklitteratur", AccountType.Expense, VatCode.Vat6, "7513"),
        new(new AccountNumber(6981), "Föreningsavgifter, avdragsgilla", AccountType.Expense, VatCode.None, "7513"),
        new(new AccountNumber(6982), "Föreningsavgifter, ej avdragsgilla", AccountType.Expense, VatCode.None, "7513", InputVatDeductible: false),
        new(new AccountNumber(6991), "Övriga externa kostnader, avdragsgilla", AccountType.Expense, VatCode.Vat25, "7513"),
        new(new AccountNumber(6992), "Övriga externa kostnader, ej avdragsgilla", AccountType.Expense, VatCode.Vat25, "7513", InputVatDeductible: false),

        // 7 Personal, avskrivningar och övriga rörelsekostnader
        new(new AccountNumber(7010), "Löner till kollektivanställda", AccountType.Expense, VatCode.None, "7514"),
        new(new AccountNumber(7210), "Löner till tjänstemän", AccountType.Expense, VatCode.None, "7514"),
        new(new AccountNumber(7510), "Lagstadgade sociala avgifter", AccountType.Expense, VatCode.None, "7514"),
        new(new AccountNumber(7610), "Utbildning", AccountType.Expense, VatCode.Vat25, "7514"),
        new(new AccountNumber(7631), "Personalrepresentation, avdragsgill", AccountType.Expense, VatCode.Vat12, "7514"),
        new(new AccountNumber(7632), "Personalrepresentation, ej avdragsgill", AccountType.Expense, VatCode.Vat12, "7514", InputVatDeductible: false),
        new(new AccountNumber(7690), "Övriga personalkostnader", AccountType.Expense, VatCode.Vat25, "7514"),
        new(new AccountNumber(7830), "Avskrivningar på maskiner och inventarier", AccountType.Expense, VatCode.None, "7515"),
        new(new AccountNumber(7960), "Valutakursförluster på fordringar och skulder av rörelsekaraktär", AccountType.Expense, VatCode.None, "7517"),

        // 8 Finansiella poster, skatt och årets resultat: income accounts are Revenue, costs and tax
        // Expense. 8999 is the closing account for the year's result; it is Expense (K), as BAS-based
        // SIE exports type it, so it sits with the result accounts rather than the balance sheet.
        new(new AccountNumber(8310), "Ränteintäkter från omsättningstillgångar", AccountType.Revenue, VatCode.None, "7417"),
        new(new AccountNumber(8410), "Räntekostnader för långfristiga skulder", AccountType.Expense, VatCode.None, "7522"),
        new(new AccountNumber(8420), "Räntekostnader för kortfristiga skulder", AccountType.Expense, VatCode.None, "7522"),
        new(new AccountNumber(8910), "Skatt som belastar årets resultat", AccountType.Expense, VatCode.None, "7528"),
        new(new AccountNumber(8999), "Årets resultat", AccountType.Expense, VatCode.None, null),
    ];
}
