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
