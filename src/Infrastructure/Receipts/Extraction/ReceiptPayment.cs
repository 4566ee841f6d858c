using System.Text.RegularExpressions;
using CleanLedger.Domain.Receipts;

namespace CleanLedger.Infrastructure.Receipts.Extraction;

/// <summary>How the receipt was paid, in which currency, and its receipt number.</summary>
public static partial class ReceiptPayment
{
    /// <summary>
    /// The payment method with the most evidence: Swish and invoice words are specific, cash shows by
    /// "Kontant" or change given back, card by card words, brands, masked card numbers and approvals.
    /// </summary>
    public static (PaymentMethod Method, double Confidence)? Method(string text)
    {
        var evidence = new (PaymentMethod Method, int Count)[]
        {
            (PaymentMethod.Swish, Swish().Count(text)),
            (PaymentMethod.Invoice, Invoice().Count(text)),
            (PaymentMethod.Cash, Cash().Count(text)),
            (PaymentMethod.Card, Card().Count(text)),
        };
        var ranked = evidence.Where(e => e.Count > 0).OrderByDescending(e => e.Count).ToList();
        if (ranked.Count == 0)
            return null;
        var confidence = ranked.Count == 1 ? 0.9 : ranked[0].Count > ranked[1].Count ? 0.7 : 0.4;
        return (ranked[0].Method, confidence);
    }

    /// <summary>The currency from codes and symbols; Swedish receipts without any are in kronor.</summary>
    public static (string Code, double Confidence) Currency(string text)
    {
        // Codes and Swedish words count double: a lone "$" or "£" is as likely OCR noise as a currency
        // sign. Words of a country's receipts (VAT names, company forms) count once.
        var swedish = 2 * SwedishWords().Count(text);
        var evidence = new (string Code, int Count)[]
        {
            ("SEK", 2 * Kronor().Count(text) + swedish),
            ("EUR", 2 * EuroCode().Count(text) + EuroSign().Count(text) + EuroCountryWords().Count(text)),
            ("MYR", 2 * Ringgit().Count(text) + MalaysianWords().Count(text)),
            ("USD", 2 * DollarCode().Count(text) + DollarSign().Count(text)),
            ("GBP", 2 * PoundCode().Count(text) + PoundSign().Count(text)),
            ("NOK", 2 * NorwegianKroner().Count(text)),
            ("DKK", 2 * DanishKroner().Count(text)),
        };
        var ranked = evidence.OrderByDescending(c => c.Count).ToList();
        if (ranked[0].Count == 0)
            return ("SEK", 0.4);
        // One code alone ("kr" in a garbled line) is weak evidence; two or more agreeing signs are strong.
        var agreeing = ranked[0].Count >= 4 ? 0.95 : 0.7;
        return (ranked[0].Code, ranked[1].Count == 0 ? agreeing : ranked[0].Count >= 2 * ranked[1].Count ? Math.Min(agreeing, 0.85) : 0.5);
    }

    /// <summary>The receipt number after "Kvitto", "Kvittonr", "Nr", "Bong", "Ordernummer", "Receipt no" ...</summary>
    public static string? ReceiptNumber(IReadOnlyList<string> lines) =>
        lines.Select(l => ReceiptNumberLabel().Match(l)).FirstOrDefault(m => m.Success)?.Groups["number"].Value;

    [GeneratedRegex(@"\bswish", RegexOptions.IgnoreCase)]
    private static partial Regex Swish();

    [GeneratedRegex(@"\bfaktura\b|företagskonto|foretagskonto|avtalskund|förfallodatum|förfaller|bankgiro|plusgiro|\bocr\b|betalningsvillkor|rechnung|\binvoice\b", RegexOptions.IgnoreCase)]
    private static partial Regex Invoice();

    [GeneratedRegex(@"\bkontant|\bväxel\b|\bvaxel\b|tillbaka|\bcash\b|\bchange\b|bar\s*gegeben|käteinen", RegexOptions.IgnoreCase)]
    private static partial Regex Cash();

    [GeneratedRegex(@"\bkort|bankkort|betalkort|kortköp|kortbetalning|\bvisa\b|mastercard|maestro|amex|american express|\bdebit|\bcredit|\bcard\b|[*xX]{4,}\s?\d{4}\b|godkänd|godkand|\bAID\b|kontaktlös|\bchip\b|\bEC\b|girocard|pankkikortti", RegexOptions.IgnoreCase)]
    private static partial Regex Card();

    [GeneratedRegex(@"\bSEK\b|\bkr\b|:-")]
    private static partial Regex Kronor();

    [GeneratedRegex(@"\bEUR\b|\bEuro\b", RegexOptions.IgnoreCase)]
    private static partial Regex EuroCode();

    [GeneratedRegex(@"€")]
    private static partial Regex EuroSign();

    [GeneratedRegex(@"\bRM\s?\d|\bMYR\b|\(RM\)|\bRM\b")]
    private static partial Regex Ringgit();

    [GeneratedRegex(@"\b(?:MwSt|USt|Summe|Betrag|zu zahlen|ALV|Yhteensä|BTW|TVA|TTC|Totaal|Kassenbon)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EuroCountryWords();

    [GeneratedRegex(@"\bSDN\.?\s*BHD\b|\bGST\b|\bJalan\b|Malaysia|Selangor|Kuala Lumpur|Johor", RegexOptions.IgnoreCase)]
    private static partial Regex MalaysianWords();

    [GeneratedRegex(@"\bUSD\b")]
    private static partial Regex DollarCode();

    [GeneratedRegex(@"\$\s?\d")]
    private static partial Regex DollarSign();

    [GeneratedRegex(@"\bGBP\b")]
    private static partial Regex PoundCode();

    [GeneratedRegex(@"£\s?\d")]
    private static partial Regex PoundSign();

    [GeneratedRegex(@"\bNOK\b")]
    private static partial Regex NorwegianKroner();

    [GeneratedRegex(@"\bDKK\b")]
    private static partial Regex DanishKroner();

    [GeneratedRegex(@"moms|kvitto|summa|att betala|totalt|tack|köp", RegexOptions.IgnoreCase)]
    private static partial Regex SwedishWords();

    // A bare "Nr" only at the start of a line, not the end of "Momsreg.nr".
    [GeneratedRegex(@"(?:\b(?:kvitto(?:nr|nummer)?|kvitt\.?\s*nr|bong|order(?:nummer|nr)|receipt\s*(?:no|nr|#)|bill\s*no)|^\W*nr)\.?\s*[:#]?\s*(?<number>[A-Z]{0,3}\d[\d-]{2,})", RegexOptions.IgnoreCase)]
    private static partial Regex ReceiptNumberLabel();
}
