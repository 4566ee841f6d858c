using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Infrastructure.Documents;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Api.Tests.Documents;

/// <summary>An Api with one document work slot and no wait for it, so a test can take the slot and see what an upload is answered.</summary>
public abstract class OneDocumentSlotApiFactory(DatabaseProvider provider) : ApiFactory(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Documents:Work:Slots"] = "1",
        ["Documents:Work:RequestWaitSeconds"] = "0",
    };
}

public sealed class PostgresOneDocumentSlotApiFactory() : OneDocumentSlotApiFactory(DatabaseProvider.Postgres);

public sealed class SqliteOneDocumentSlotApiFactory() : OneDocumentSlotApiFactory(DatabaseProvider.Sqlite);

/// <summary>
/// While the process does as much document work as its memory budget allows, an upload is answered
/// 503 with Retry-After and leaves nothing behind: no document, no stored file, no used
/// Idempotency-Key, so the same request succeeds once a slot is free; a verification PDF that
/// draws its receipt is answered 503 too. Both engines.
/// </summary>
public abstract class DocumentWorkBusyTests<TFactory>(TFactory factory) : OwnerApiTest<TFactory>(factory)
    where TFactory : OneDocumentSlotApiFactory
{
    [Theory]
    [InlineData("pdf")]
    [InlineData("jpg")]
    public async Task An_upload_while_every_document_work_slot_is_taken_is_answered_503_with_retry_after_and_changes_nothing(string kind)
    {
        var path = SharedData.SwedishReceipts(kind).First();
        var bytes = await File.ReadAllBytesAsync(path);
        var gate = Factory.Services.GetRequiredService<DocumentWorkGate>();
        var storedFiles = StoredFileCount();

        HttpResponseMessage busy;
        using (await gate.EnterAsync(DocumentWorkCaller.Job, CancellationToken.None))
            busy = await Client.UploadAsync(OrgId, bytes, Path.GetFileName(path), idempotencyKey: "upload-1");

        var problem = await busy.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        problem.GetProperty("code").GetString().ShouldBe("documents.busy");
        int.Parse(busy.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);
        (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{OrgId}/documents")).GetProperty("total").GetInt64().ShouldBe(0);
        StoredFileCount().ShouldBe(storedFiles);
        gate.FreeSlots.ShouldBe(1);

        // The same request with the same key, now that the slot is free, is taken as the first one.
        var accepted = await Client.UploadAsync(OrgId, bytes, Path.GetFileName(path), idempotencyKey: "upload-1");
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicateOf").ValueKind.ShouldBe(JsonValueKind.Null);
        StoredFileCount().ShouldBe(storedFiles + 1);
    }

    [Fact]
    public async Task A_verification_pdf_that_draws_its_receipt_is_answered_503_while_every_slot_is_taken_and_renders_once_one_is_free()
    {
        // Bytes of its own: the store keeps one file per content, shared by the tests of this class.
        var verificationId = await Client.PostWithReceiptAsync(OrgId, ReceiptPdf.Render("Åhléns", "Kontorsmaterial", "Att betala 250,00"), "kvitto.pdf");
        var gate = Factory.Services.GetRequiredService<DocumentWorkGate>();
        var pdf = $"/api/v1/orgs/{OrgId}/verifications/{verificationId}/pdf";

        HttpResponseMessage busy;
        using (await gate.EnterAsync(DocumentWorkCaller.Job, CancellationToken.None))
            busy = await Client.GetAsync(pdf);

        (await busy.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable)).GetProperty("code").GetString().ShouldBe("documents.busy");
        busy.Headers.Contains("Retry-After").ShouldBeTrue();
        (await Client.GetAsync(pdf)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private int StoredFileCount() =>
        Directory.Exists(Factory.Database.DocumentsFolder) ? Directory.EnumerateFiles(Factory.Database.DocumentsFolder, "*", SearchOption.AllDirectories).Count() : 0;
}

public sealed class DocumentWorkBusyTestsOnPostgres(PostgresOneDocumentSlotApiFactory factory) : DocumentWorkBusyTests<PostgresOneDocumentSlotApiFactory>(factory);

public sealed class DocumentWorkBusyTestsOnSqlite(SqliteOneDocumentSlotApiFactory factory) : DocumentWorkBusyTests<SqliteOneDocumentSlotApiFactory>(factory);

/// <summary>One document work slot, and an upload waits up to five seconds for it.</summary>
public abstract class WaitingDocumentSlotApiFactory(DatabaseProvider provider) : ApiFactory(provider)
{
    public const int WaitSeconds = 5;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Documents:Work:Slots"] = "1",
        ["Documents:Work:RequestWaitSeconds"] = WaitSeconds.ToString(CultureInfo.InvariantCulture),
    };
}

public sealed class PostgresWaitingDocumentSlotApiFactory() : WaitingDocumentSlotApiFactory(DatabaseProvider.Postgres);

public sealed class SqliteWaitingDocumentSlotApiFactory() : WaitingDocumentSlotApiFactory(DatabaseProvider.Sqlite);

/// <summary>
/// An upload is scanned and inspected before its write transaction begins, so one that waits for
/// document work (or clamd, or qpdf) holds no lock another organisation needs; on SQLite a write
/// transaction is the file's one write lock. Both engines.
/// </summary>
public abstract class UploadWaitTests<TFactory>(TFactory factory) : OwnerApiTest<TFactory>(factory)
    where TFactory : WaitingDocumentSlotApiFactory
{
    /// <summary>Long enough for the upload to be waiting for the slot when the other organisation posts.</summary>
    private static readonly TimeSpan UploadUnderway = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task An_upload_waiting_for_document_work_holds_up_no_other_organisations_posting()
    {
        var other = Factory.ClientFor(TestUser.New("Annan Ägare"));
        var otherOrg = await other.CreateOrganizationAsync("Annat AB");
        var alone = await TimedPostingAsync(other, otherOrg);
        var gate = Factory.Services.GetRequiredService<DocumentWorkGate>();
        var receipt = ReceiptPdf.Render("Åhléns", "Väntar på plats", "Att betala 99,00");

        Task<HttpResponseMessage> upload;
        TimeSpan during;
        using (await gate.EnterAsync(DocumentWorkCaller.Job, CancellationToken.None))
        {
            upload = Client.UploadAsync(OrgId, receipt, "kvitto.pdf");
            await Task.Delay(UploadUnderway);
            during = await TimedPostingAsync(other, otherOrg);
            upload.IsCompleted.ShouldBeFalse("the upload was still waiting for the slot while the other organisation posted");
        }

        during.ShouldBeLessThan(alone + TimeSpan.FromSeconds(1), $"{alone.TotalMilliseconds:0} ms without a waiting upload");
        (await upload).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    private static async Task<TimeSpan> TimedPostingAsync(HttpClient client, Guid orgId)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var posted = await client.PostAsJsonAsync($"/api/v1/orgs/{orgId}/verifications", new
        {
            date = "2026-11-03",
            description = "Under uppladdning",
            lines = new[] { new { account = "6110", debit = (string?)"10.00", credit = (string?)null }, new { account = "1930", debit = (string?)null, credit = (string?)"10.00" } },
        });
        posted.StatusCode.ShouldBe(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }
}

public sealed class UploadWaitTestsOnPostgres(PostgresWaitingDocumentSlotApiFactory factory) : UploadWaitTests<PostgresWaitingDocumentSlotApiFactory>(factory);

public sealed class UploadWaitTestsOnSqlite(SqliteWaitingDocumentSlotApiFactory factory) : UploadWaitTests<SqliteWaitingDocumentSlotApiFactory>(factory);
