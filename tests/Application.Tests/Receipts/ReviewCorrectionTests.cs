using System.Globalization;
using CleanLedger.Application.Documents.GetDocument;
using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Ledger.Verifications.GetVerification;
using CleanLedger.Application.Ledger.Verifications.ListVerifications;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Receipts.Review;
using CleanLedger.Application.Tests.Organizations;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Documents;
using CleanLedger.Domain.Receipts;
using CleanLedger.Testing;

namespace CleanLedger.Application.Tests.Receipts;

/// <summary>
/// Approving a receipt with the VAT the reviewer reads off it: the VAT posted per rate on 2641 and
/// the net on the cost account are the stated ones, and a VAT the receipt cannot carry changes nothing.
/// On both engines, the receipt job run as the job server runs it.
/// </summary>
public abstract class ReviewCorrectionTests<TFixture>(TFixture fixture) : DatabaseTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    private readonly TestUser _owner = TestUser.New("Olivia Owner");
    private OrganizationDetails _org = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _org = await App.CreateOrganizationAsync(_owner);
    }

    [Fact]
    public async Task A_receipt_without_a_VAT_table_posts_the_VAT_the_reviewer_states()
    {
        var id = await App.UploadAndProcessAsync(_owner, _org.Id, Workshop("3001", total: 600_00, vatLine: null));
        (await FindingsAsync(id)).ReviewReasons.Select(reason => reason.Code).ShouldContain(ReviewReasonCodes.VatMissing);

        var posted = await ApproveAsync(id, new ReceiptCorrections(5410, null, null, null, null, Vat: [new VatCorrection(25, 120_00)]));

        (await LinesAsync(posted)).ShouldBe([("5410", 480_00L, 0L), ("2641", 120_00L, 0L), ("1930", 0L, 600_00L)]);
        (await FindingsAsync(id)).Extraction!.Vat.ShouldBe([new VatAmount(25, 120_00, 480_00)]);
    }

    [Fact]
    public async Task A_VAT_table_misread_as_one_rate_posts_as_the_reviewer_splits_it_over_two()
    {
        // 400 kr of tools at 25 % and 560 kr of food at 12 %; the receipt was read as 960 kr at 25 %.
        var id = await App.UploadAndProcessAsync(_owner, _org.Id, Workshop("3002", total: 960_00, vatLine: "Moms 25%     Netto 768,00     Moms 192,00"));

        var posted = await ApproveAsync(id, new ReceiptCorrections(5410, null, null, null, null, Vat: [new VatCorrection(25, 80_00), new VatCorrection(12, 60_00)]));

        (await LinesAsync(posted)).ShouldBe([("5410", 320_00L, 0L), ("2641", 80_00L, 0L), ("5410", 500_00L, 0L), ("2641", 60_00L, 0L), ("1930", 0L, 960_00L)]);
    }

    [Fact]
    public async Task A_VAT_above_the_receipts_total_is_refused_and_nothing_is_posted()
    {
        var id = await App.UploadAndProcessAsync(_owner, _org.Id, Workshop("3003", total: 600_00, vatLine: null));

        var refused = await Should.ThrowAsync<DomainException>(() => ApproveAsync(id, new ReceiptCorrections(5410, null, null, null, null, Vat: [new VatCorrection(25, 600_01)])));

        refused.Code.ShouldBe("review.vat_exceeds_total");
        (await App.SendAsync<DocumentDetails>(_owner, new GetDocument(_org.Id, id))).Document.Status.ShouldBe(DocumentStatus.NeedsReview);
        (await FindingsAsync(id)).Extraction!.Vat.ShouldBeEmpty();
        (await App.SendAsync<VerificationPage>(_owner, new ListVerifications(_org.Id, null, null, null, 1, 50))).Total.ShouldBe(0);
    }

    // A repair shop's receipt; without a VAT line it prints no VAT table.
    private static byte[] Workshop(string number, long total, string? vatLine)
    {
        var kronor = (total / 100m).ToString("0.00", CultureInfo.GetCultureInfo("sv-SE"));
        return ReceiptPdf.Render(
            new[] { "Ljungs Maskinservice", "Org.nr: 556527-0815", $"Kvitto {number}", "Datum: 2026-11-02 10:15", $"Service av maskin                   {kronor}" }
                .Concat(vatLine is null ? [] : [vatLine])
                .Append($"Totalt SEK                          {kronor}")
                .ToArray());
    }

    private async Task<Application.Receipts.ReceiptFindings> FindingsAsync(Guid documentId) =>
        (await App.SendAsync<DocumentDetails>(_owner, new GetDocument(_org.Id, documentId))).Findings!;

    private Task<PostedVerification> ApproveAsync(Guid documentId, ReceiptCorrections corrections) =>
        App.SendAsync<PostedVerification>(_owner, new ApproveReceipt(_org.Id, documentId, corrections));

    private async Task<IReadOnlyList<(string, long, long)>> LinesAsync(PostedVerification posted) =>
        (await App.SendAsync<VerificationDetails>(_owner, new GetVerification(_org.Id, posted.Id))).Lines.Select(line => (line.Account, line.DebitOre, line.CreditOre)).ToList();
}

public sealed class ReviewCorrectionTestsOnPostgres(PostgresFixture fixture) : ReviewCorrectionTests<PostgresFixture>(fixture);

public sealed class ReviewCorrectionTestsOnSqlite(SqliteFixture fixture) : ReviewCorrectionTests<SqliteFixture>(fixture);
