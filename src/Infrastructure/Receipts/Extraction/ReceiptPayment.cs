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
        var counts = new (string Code, int Count)[]
        {
            ("SEK", Kronor().Count(text)),
            ("EUR", Euro().Count(text)),
            ("MYR", Ringgit().Count(text)),
            ("USD", Dollar().Count(text)),
            ("GBP", Pound().Count(text)),
            ("NOK", NorwegianKroner().Count(text)),
            ("DKK", DanishKroner().Count(text)),
        };
        var best = counts.MaxBy(c => c.Count);
        if (best.Count > 0)
            return (best.Code, counts.Count(c => c.Count > 0) == 1 ? 0.95 : 0.7);
        return ("SEK", SwedishWords().IsMatch(text) ? 0.85 : 0.4);
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

    [GeneratedRegex(@"€|\bEUR\b|\bEuro\b", RegexOptions.IgnoreCase)]
    private static partial Regex Euro();

    [GeneratedRegex(@"\bRM\s?\d|\bMYR\b|\(RM\)|\bRM\b")]
    private static partial Regex Ringgit();

    [GeneratedRegex(@"\$\s?\d|\bUSD\b")]
    private static partial Regex Dollar();

    [GeneratedRegex(@"£\s?\d|\bGBP\b")]
    private static partial Regex Pound();

    [GeneratedRegex(@"\bNOK\b")]
    private static partial Regex NorwegianKroner();

    [GeneratedRegex(@"\bDKK\b")]
    private static partial Regex DanishKroner();

    [GeneratedRegex(@"moms|kvitto|summa|att betala|totalt|tack|köp", RegexOptions.IgnoreCase)]
    private static partial Regex SwedishWords();

    [GeneratedRegex(@"\b(?:kvitto(?:nr|nummer)?|kvitt\.?\s*nr|bong|order(?:nummer|nr)|receipt\s*(?:no|nr|#)|bill\s*no|nr)\.?\s*[:#]?\s*(?<number>[A-Z]{0,3}\d[\d-]{2,})", RegexOptions.IgnoreCase)]
    private static partial Regex ReceiptNumberLabel();
}
