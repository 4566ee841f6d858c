using CleanLedger.Domain.Receipts;
using CleanLedger.Infrastructure.Receipts.Extraction;

namespace CleanLedger.Infrastructure.Tests.Receipts.Extraction;

/// <summary>Payment method, currency and receipt number.</summary>
public sealed class ReceiptPaymentTests
{
    [Theory]
    [InlineData("Kortköp\nVISA ************1234\nGodkänd", PaymentMethod.Card)]
    [InlineData("Bankkort 724,00\nMastercard XXXX XXXX XXXX 5673", PaymentMethod.Card)]
    [InlineData("Betalt med Swish 639,40\nRef: 1185088701", PaymentMethod.Swish)]
    [InlineData("KONTANT 1000,00\nVäxel 421,00", PaymentMethod.Cash)]
    [InlineData("Kontanter 200,00\nTillbaka 12,00", PaymentMethod.Cash)]
    [InlineData("Betalas mot faktura\nFörfallodatum 2025-06-30\nBankgiro 123-4567", PaymentMethod.Invoice)]
    [InlineData("Betalsätt: Företagskonto", PaymentMethod.Invoice)]
    [InlineData("Avtalskund 4411", PaymentMethod.Invoice)]
    public void Recognises_card_swish_cash_and_invoice(string text, PaymentMethod method) =>
        ReceiptPayment.Method(text)!.Value.Method.ShouldBe(method);

    [Theory]
    [InlineData("Att betala 116,40 kr", "SEK")]
    [InlineData("Tack för ditt köp! Summa 12,00", "SEK")]
    [InlineData("SUMME EUR 5,47\nMwSt 19%", "EUR")]
    [InlineData("Yhteensä 54,97 €", "EUR")]
    [InlineData("TOTAL (RM) 13.80\nGST 6%", "MYR")]
    [InlineData("Amount due USD 4.11", "USD")]
    public void Reads_the_currency_from_codes_symbols_and_the_receipts_language(string text, string currency) =>
        ReceiptPayment.Currency(text).Code.ShouldBe(currency);

    [Theory]
    [InlineData("Kvitto: 40690", "40690")]
    [InlineData("Kvittonr: 67686", "67686")]
    [InlineData("Kvittonummer: 87551 Kassa 10/21", "87551")]
    [InlineData("Bong: 93144 Kassa 3", "93144")]
    public void Reads_the_receipt_number(string line, string number) =>
        ReceiptPayment.ReceiptNumber([line]).ShouldBe(number);
}
