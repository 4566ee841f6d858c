using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.Verifications;

namespace CleanLedger.Domain.Tests.Ledger.Verifications;

public class VerificationTests
{
    private static readonly Guid DocumentId = Guid.NewGuid();

    private static VerificationDraft Draft() => new(
        new DateOnly(2026, 11, 20),
        "Kontorsmaterial",
        "Clas Ohlson",
        "A",
        [
            new VerificationLine(new AccountNumber(6110), 200_00, 0, VatCode.Vat25),
            new VerificationLine(new AccountNumber(2641), 50_00, 0),
            new VerificationLine(new AccountNumber(1930), 0, 250_00),
        ],
        [DocumentId]);

    private static Verification Posted() =>
        Verification.Post(Draft(), Guid.NewGuid(), Guid.NewGuid(), 1, new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), Guid.NewGuid());

    [Fact]
    public void Post_keeps_the_draft_and_numbers_it()
    {
        var draft = Draft();
        var posted = Verification.Post(draft, Guid.NewGuid(), Guid.NewGuid(), 7, DateTimeOffset.UnixEpoch, Guid.NewGuid());

        posted.Number.ShouldBe(7);
        posted.Series.ShouldBe("A");
        posted.Date.ShouldBe(draft.Date);
        posted.Lines.ShouldBe(draft.Lines);
        posted.DocumentIds.ShouldBe([DocumentId]);
        posted.Reverses.ShouldBeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Numbers_start_at_one(long number) =>
        Should.Throw<DomainException>(() => Verification.Post(Draft(), Guid.NewGuid(), Guid.NewGuid(), number, DateTimeOffset.UnixEpoch, Guid.NewGuid()))
            .Code.ShouldBe("verification.number");

    [Fact]
    public void Reversal_swaps_every_line_and_keeps_its_VAT_code()
    {
        var original = Posted();

        var reversal = original.Reversal(new DateOnly(2026, 11, 24), "A");

        reversal.Lines.Count.ShouldBe(original.Lines.Count);
        for (var i = 0; i < original.Lines.Count; i++)
        {
            reversal.Lines[i].Account.ShouldBe(original.Lines[i].Account);
            reversal.Lines[i].Debit.ShouldBe(original.Lines[i].Credit);
            reversal.Lines[i].Credit.ShouldBe(original.Lines[i].Debit);
            reversal.Lines[i].VatCode.ShouldBe(original.Lines[i].VatCode);
            reversal.Lines[i].Net.ShouldBe(-original.Lines[i].Net);
        }
    }

    [Fact]
    public void Reversal_names_the_original_and_keeps_its_documents()
    {
        var original = Posted();

        var reversal = original.Reversal(new DateOnly(2026, 11, 24), "B");

        reversal.Reverses.ShouldBe(original.Id);
        reversal.Description.ShouldBe("Rättelse av A1: Kontorsmaterial");
        reversal.DocumentIds.ShouldBe([DocumentId]);
        reversal.Counterparty.ShouldBe("Clas Ohlson");
        reversal.Currency.ShouldBe(Money.Sek);
        reversal.Date.ShouldBe(new DateOnly(2026, 11, 24));
        reversal.Series.ShouldBe("B");
        reversal.TotalDebit.ShouldBe(250_00);
    }

    [Fact]
    public void TotalDebit_is_the_sum_of_the_debits() =>
        Draft().TotalDebit.ShouldBe(250_00);
}
