using CleanLedger.Application.Documents.GetDocument;
using CleanLedger.Application.Tests.Documents;
using CleanLedger.Application.Tests.Organizations;
using CleanLedger.Domain.Documents;
using CleanLedger.Infrastructure.Documents;
using CleanLedger.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Application.Tests.Receipts;

/// <summary>
/// A receipt job that gets no document work slot fails its attempt having recorded nothing of the
/// reading (no text, no outcome, not failed), so Hangfire's retry runs it again and that run
/// finishes it. On both engines.
/// </summary>
public abstract class ReceiptJobBusyTests<TFixture>(TFixture fixture) : DatabaseTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    private readonly TestUser _owner = TestUser.New("Olivia Owner");

    [Fact]
    public async Task A_job_that_gets_no_slot_is_left_to_its_retry_with_nothing_recorded_and_the_retry_finishes_it()
    {
        await using var app = new ApplicationHarness(Fixture.Database, settings: new Dictionary<string, string?>
        {
            ["Documents:Work:Slots"] = "1",
            ["Documents:Work:JobWaitSeconds"] = "0",
        });
        var org = await app.CreateOrganizationAsync(_owner);
        var documentId = await app.UploadPdfAsync(_owner, org.Id, ReceiptPdf.Render("Kaffebaren", "Datum 2026-11-02", "Att betala 64,00"));
        var gate = app.Services.GetRequiredService<DocumentWorkGate>();

        using (await gate.EnterAsync(DocumentWorkCaller.Job, CancellationToken.None))
            await Should.ThrowAsync<DocumentWorkBusyException>(() => app.RunReceiptJobAsync(org.Id, documentId));

        var waiting = await app.SendAsync<DocumentDetails>(_owner, new GetDocument(org.Id, documentId));
        waiting.Document.Status.ShouldBeOneOf(DocumentStatus.Received, DocumentStatus.Processing);
        waiting.Findings?.OcrText.ShouldBeNull();
        await app.RunReceiptJobAsync(org.Id, documentId);
        var finished = await app.SendAsync<DocumentDetails>(_owner, new GetDocument(org.Id, documentId));
        finished.Document.Status.ShouldBeOneOf(DocumentStatus.Posted, DocumentStatus.NeedsReview);
        finished.Findings!.OcrText.ShouldNotBeNull().ShouldContain("64,00");
    }
}

public sealed class ReceiptJobBusyTestsOnPostgres(PostgresFixture fixture) : ReceiptJobBusyTests<PostgresFixture>(fixture);

public sealed class ReceiptJobBusyTestsOnSqlite(SqliteFixture fixture) : ReceiptJobBusyTests<SqliteFixture>(fixture);
