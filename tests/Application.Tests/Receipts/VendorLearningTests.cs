using System.Globalization;
using CleanLedger.Application.Documents.GetDocument;
using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Ledger.Verifications.GetVerification;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Receipts.Review;
using CleanLedger.Application.Tests.Organizations;
using CleanLedger.Domain.Documents;
using CleanLedger.Domain.Ledger;
using CleanLedger.Testing;

namespace CleanLedger.Application.Tests.Receipts;

/// <summary>
/// What an approval teaches about a vendor, and where it applies: the vendor's next receipt in the same
/// organisation, never another organisation's; the latest approval wins. On both engines, the receipt
/// job run as the job server runs it.
/// </summary>
public abstract class VendorLearningTests<TFixture>(TFixture fixture) : DatabaseTest<TFixture>(fixture)
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
    public async Task A_vendors_second_receipt_posts_by_itself_on_the_account_and_payment_the_first_approval_taught()
    {
        var first = await App.UploadAndProcessAsync(_owner, _org.Id, Workshop("1001", "2026-11-02", net: 800_00));
        (await ReasonsAsync(_org.Id, first)).ShouldBe(["category.unknown", "payment.unknown"], ignoreOrder: true);
        await ApproveAsync(_org.Id, first, new ReceiptCorrections(Account: 5410, Date: null, PaidPrivately: true, Description: null, Lines: null));

        var second = await App.UploadAndProcessAsync(_owner, _org.Id, Workshop("1002", "2026-11-09", net: 480_00));

        (await LinesAsync(_org.Id, second)).ShouldBe([("5410", 480_00L, 0L), ("2641", 120_00L, 0L), ("2893", 0L, 600_00L)]);
    }

    [Fact]
    public async Task What_one_organisation_taught_does_nothing_in_another()
    {
        var first = await App.UploadAndProcessAsync(_owner, _org.Id, Workshop("1001", "2026-11-02", net: 800_00));
        await ApproveAsync(_org.Id, first, new ReceiptCorrections(Account: 5410, Date: null, PaidPrivately: true, Description: null, Lines: null));
        var other = await App.CreateOrganizationAsync(_owner, "Grannföretaget AB");

        var elsewhere = await App.UploadAndProcessAsync(_owner, other.Id, Workshop("1002", "2026-11-09", net: 480_00));

        (await App.SendAsync<DocumentDetails>(_owner, new GetDocument(other.Id, elsewhere))).Document.Status.ShouldBe(DocumentStatus.NeedsReview);
        (await ReasonsAsync(other.Id, elsewhere)).ShouldBe(["category.unknown", "payment.unknown"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_later_correction_overrides_what_an_earlier_approval_taught()
    {
        var first = await App.UploadAndProcessAsync(_owner, _org.Id, Workshop("1001", "2026-11-02", net: 800_00));
        await ApproveAsync(_org.Id, first, new ReceiptCorrections(Account: 5410, Date: null, PaidPrivately: true, Description: null, Lines: null));
        // Its printed total disagrees with its VAT table, so it waits; the owner books it otherwise.
        var second = await App.UploadAndProcessAsync(_owner, _org.Id, Workshop("1002", "2026-11-09", net: 480_00, printedTotal: "650,00"));
        (await ReasonsAsync(_org.Id, second)).ShouldContain("amounts.inconsistent");
        await ApproveAsync(_org.Id, second, new ReceiptCorrections(null, null, null, null,
            [new LineInput("6110", 480_00, 0, VatCode.Vat25), new LineInput("2641", 120_00, 0, null), new LineInput("1930", 0, 600_00, null)], TotalOre: 600_00));

        var third = await App.UploadAndProcessAsync(_owner, _org.Id, Workshop("1003", "2026-11-16", net: 400_00));

        (await LinesAsync(_org.Id, third)).ShouldBe([("6110", 400_00L, 0L), ("2641", 100_00L, 0L), ("1930", 0L, 500_00L)]);
    }

    // A repair shop's receipt: the kind of purchase is not recognised and how it was paid is not printed.
    private static byte[] Workshop(string number, string date, long net, string? printedTotal = null)
    {
        var (vat, total) = (net / 4, net + (net / 4));
        return ReceiptPdf.Render(
            "Ljungs Maskinservice", "Org.nr: 556527-0815", $"Kvitto {number}", $"Datum: {date} 10:15",
            $"Service av maskin                   {Kronor(net)}",
            $"Moms 25%     Netto {Kronor(net)}     Moms {Kronor(vat)}",
            $"Totalt SEK                          {printedTotal ?? Kronor(total)}");
    }

    private static string Kronor(long ore) => (ore / 100m).ToString("0.00", CultureInfo.GetCultureInfo("sv-SE"));

    private async Task<IReadOnlyList<string>> ReasonsAsync(Guid orgId, Guid documentId) =>
        (await App.SendAsync<DocumentDetails>(_owner, new GetDocument(orgId, documentId))).Findings!.ReviewReasons.Select(reason => reason.Code).ToList();

    private Task<PostedVerification> ApproveAsync(Guid orgId, Guid documentId, ReceiptCorrections corrections) =>
        App.SendAsync<PostedVerification>(_owner, new ApproveReceipt(orgId, documentId, corrections));

    private async Task<IReadOnlyList<(string, long, long)>> LinesAsync(Guid orgId, Guid documentId)
    {
        var document = await App.SendAsync<DocumentDetails>(_owner, new GetDocument(orgId, documentId));
        document.Document.Status.ShouldBe(DocumentStatus.Posted, string.Join(", ", document.Findings?.ReviewReasons.Select(reason => reason.Code) ?? []));
        var verification = await App.SendAsync<VerificationDetails>(_owner, new GetVerification(orgId, document.Findings!.VerificationId!.Value));
        return verification.Lines.Select(line => (line.Account, line.DebitOre, line.CreditOre)).ToList();
    }
}

public sealed class VendorLearningTestsOnPostgres(PostgresFixture fixture) : VendorLearningTests<PostgresFixture>(fixture);

public sealed class VendorLearningTestsOnSqlite(SqliteFixture fixture) : VendorLearningTests<SqliteFixture>(fixture);
