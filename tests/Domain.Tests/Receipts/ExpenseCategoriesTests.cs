using CleanLedger.Domain.Receipts;

namespace CleanLedger.Domain.Tests.Receipts;

/// <summary>The category table of docs/receipt-pipeline.md.</summary>
public class ExpenseCategoriesTests
{
    [Theory]
    [InlineData("Circle K Kungsgatan", "", "fuel", 5611)]
    [InlineData("OKQ8 Hisings Backa", "", "fuel", 5611)]
    [InlineData("Parkeringsbolaget Kiruna", "", "parking", 5800)]
    [InlineData("Citytaxi Väst", "", "taxi", 5800)]
    [InlineData("Snabbtåg Sverige", "", "train", 5810)]
    [InlineData("Hotell Tallbacken", "", "lodging", 5831)]
    [InlineData("Restaurang Kajen", "", "representation", 6071)]
    [InlineData("Café Kanelen", "", "representation", 6071)]
    [InlineData("Bokhandeln Läslust", "", "books", 6970)]
    [InlineData("Telia Company", "", "phone", 6212)]
    [InlineData("Byggmax Umeå", "", "hardware", 5410)]
    [InlineData("ICA Nära", "", "groceries", 7690)]
    [InlineData("Handlarn Söder", "", "groceries", 7690)]
    [InlineData("Firma X", "Blyfri 95  32,10 l", "fuel", 5611)]
    [InlineData("Firma X", "Kontorsmaterial", "office_supplies", 6110)]
    [InlineData("Firma X", "Årslicens programvara", "software", 5420)]
    public void Recognises_the_purchase_from_the_vendor_first_then_the_text(string vendor, string text, string code, int account)
    {
        var category = ExpenseCategories.Recognise(vendor, text);

        (category.Code, category.Account).ShouldBe((code, account));
    }

    [Fact]
    public void The_vendors_name_outweighs_words_in_the_text()
    {
        // A fuel station's receipt may list coffee; the station is still fuel.
        ExpenseCategories.Recognise("Preem Mölndal", "Kaffe 25,00\nBensin 95 500,00").Code.ShouldBe("fuel");
    }

    [Fact]
    public void Short_keywords_match_whole_words_only()
    {
        // "sj" (the train company) must not match inside "Sjöboden", nor "ica" inside "Mekanica".
        ExpenseCategories.Recognise("Sjöboden", "Mekanica").ShouldBe(ExpenseCategories.Unknown);
    }

    [Fact]
    public void Nothing_recognised_is_the_unknown_category_for_review() =>
        ExpenseCategories.Recognise(null, "Artikel 1   100,00").ShouldBe(ExpenseCategories.Unknown);

    [Fact]
    public void Every_category_books_on_a_cost_account() =>
        ExpenseCategories.All.Append(ExpenseCategories.Unknown).ShouldAllBe(category => category.Account >= 4000 && category.Account <= 7999);
}
