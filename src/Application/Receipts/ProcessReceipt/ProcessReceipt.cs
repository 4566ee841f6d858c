using System.Diagnostics;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Documents;
using CleanLedger.Application.Ledger;
using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Organizations;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Documents;
using CleanLedger.Domain.Ledger.Compliance;
using CleanLedger.Domain.Organizations;
using CleanLedger.Domain.Receipts;
using CleanLedger.Domain.Receipts.EInvoices;
using Mediator;

namespace CleanLedger.Application.Receipts.ProcessReceipt;

/// <summary>
/// Takes one uploaded receipt to the books: read its text (OCR) → extract the fields → propose a
/// verification → pre-check it → post it ("Bokfört ✅") or send it to review with the reasons.
/// An e-invoice skips OCR: its fields are read exactly from its XML.
/// </summary>
/// <remarks>
/// Each step stores its result on the document before the next begins, and the document's own state
/// decides what is left, so a retried or re-run job resumes where the last one stopped and never
/// posts twice. Reading and extracting run outside any transaction (they take seconds); the final
/// step judges and posts in one transaction that holds the document's row.
/// </remarks>
public sealed class ReceiptProcessor(ISender sender, IDocumentStore store, IOcrEngine ocr, IReceiptExtractor extractor, ConfidenceThresholds thresholds, ReceiptMetrics metrics)
{
    /// <summary>Text read from structured data is exact: the top of OCR's 0..100 scale.</summary>
    private const double ExactTextConfidence = 100;

    private readonly ReceiptReading _reading = new(extractor, thresholds);

    public async Task RunAsync(Guid orgId, Guid documentId, CancellationToken cancellationToken)
    {
        var work = await sender.Send(new StartReceipt(orgId, documentId), cancellationToken);
        if (work is null || work.IsFinal)
            return;

        if (work.Extraction is null)
        {
            // Stored text (one OCR pass or both) is extracted again rather than read again.
            var extraction = work.ContentType == UblInvoice.ContentType ? await ReadEInvoiceAsync(orgId, work, cancellationToken)
                : work.Text is { } stored
                ? await _reading.ExtractAsync(stored, ReceivedOn(work), cancellationToken)
                : await ReadAsync(orgId, work, cancellationToken);
            await sender.Send(new RecordReceiptExtraction(orgId, documentId, extraction), cancellationToken);
        }

        await sender.Send(new SettleReceipt(orgId, documentId), cancellationToken);
    }

    /// <summary>After the last retry: the document is marked failed (a person can re-run the job).</summary>
    public Task FailAsync(Guid orgId, Guid documentId, string failure, CancellationToken cancellationToken) =>
        sender.Send(new FailReceipt(orgId, documentId, failure), cancellationToken).AsTask();

    /// <summary>The invoice's own fields (checked when it was uploaded), its supplier and items stored as its text.</summary>
    private async Task<ReceiptExtraction> ReadEInvoiceAsync(Guid orgId, ReceiptWork work, CancellationToken cancellationToken)
    {
        UblInvoice invoice;
        await using (var stored = await store.OpenReadAsync(work.StorageKey, work.Sha256, cancellationToken))
            invoice = UblInvoice.Read(stored);
        await sender.Send(new RecordReceiptText(orgId, work.DocumentId, new OcrResult(EInvoiceExtraction.TextOf(invoice), ExactTextConfidence, 1, TextSource.EInvoice)), cancellationToken);
        return EInvoiceExtraction.Of(invoice);
    }

    /// <summary>OCR (a second pass only where the first leaves the amounts or the date in doubt), the text stored, its fields.</summary>
    private async Task<ReceiptExtraction> ReadAsync(Guid orgId, ReceiptWork work, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        await using (var stored = await store.OpenReadAsync(work.StorageKey, work.Sha256, cancellationToken))
            await stored.CopyToAsync(content, cancellationToken);

        var bytes = content.GetBuffer().AsMemory(0, (int)content.Length);
        // Nobody else reading (both engines idle): the second pass, if it is needed, runs beside the first.
        var speculate = work.ContentType != "application/pdf" && ocr.IdleEngines >= 2;
        var (text, extraction, _) = await _reading.ReadAsync((pass, token) => RecognizeAsync(bytes, work.ContentType, pass, token), speculate, ReceivedOn(work), cancellationToken);
        await sender.Send(new RecordReceiptText(orgId, work.DocumentId, text), cancellationToken);
        return extraction;
    }

    private static DateOnly ReceivedOn(ReceiptWork work) => DateOnly.FromDateTime(work.UploadedAt.UtcDateTime);

    private async Task<OcrResult> RecognizeAsync(ReadOnlyMemory<byte> content, string contentType, OcrPass pass, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        metrics.OcrWaiting(+1);
        OcrResult text;
        try
        {
            text = await ocr.ReadAsync(content, contentType, pass, cancellationToken);
        }
        catch (OcrUnreadableException)
        {
            // Nothing legible (or a format the reader cannot decode): the fields will be missing and review says so.
            text = new OcrResult("", 0, 0, TextSource.Ocr);
        }
        finally
        {
            metrics.OcrWaiting(-1);
        }

        metrics.OcrFinished(Stopwatch.GetElapsedTime(started));
        return text;
    }
}

/// <summary>Opens (or resumes) the document's pipeline run; null when there is no such document.</summary>
public sealed record StartReceipt(Guid OrgId, Guid DocumentId) : ICommand<ReceiptWork?>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.PostVerifications;
}

public sealed class StartReceiptHandler(IReceiptWorkStore receipts, TimeProvider clock) : ICommandHandler<StartReceipt, ReceiptWork?>
{
    public async ValueTask<ReceiptWork?> Handle(StartReceipt command, CancellationToken cancellationToken)
    {
        var work = await receipts.LockAsync(command.OrgId, command.DocumentId, cancellationToken);
        if (work is null || work.IsFinal)
            return work;
        await receipts.StartAsync(command.OrgId, command.DocumentId, clock.GetUtcNow(), cancellationToken);
        return work;
    }
}

public sealed record RecordReceiptText(Guid OrgId, Guid DocumentId, OcrResult Text) : ICommand, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.PostVerifications;
}

public sealed class RecordReceiptTextHandler(IReceiptWorkStore receipts) : ICommandHandler<RecordReceiptText>
{
    public async ValueTask<Unit> Handle(RecordReceiptText command, CancellationToken cancellationToken)
    {
        await receipts.SaveTextAsync(command.OrgId, command.DocumentId, command.Text, cancellationToken);
        return Unit.Value;
    }
}

public sealed record RecordReceiptExtraction(Guid OrgId, Guid DocumentId, ReceiptExtraction Extraction) : ICommand, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.PostVerifications;
}

public sealed class RecordReceiptExtractionHandler(IReceiptWorkStore receipts) : ICommandHandler<RecordReceiptExtraction>
{
    public async ValueTask<Unit> Handle(RecordReceiptExtraction command, CancellationToken cancellationToken)
    {
        await receipts.SaveExtractionAsync(command.OrgId, command.DocumentId, command.Extraction, cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Proposes, pre-checks and posts the receipt, or sends it to review with every reason; the outcome.</summary>
public sealed record SettleReceipt(Guid OrgId, Guid DocumentId) : ICommand<DocumentStatus>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.PostVerifications;
}

public sealed class SettleReceiptHandler(
    IReceiptWorkStore receipts,
    IVendorMemory vendors,
    IOrganizationStore organizations,
    VerificationPosting posting,
    ConfidenceThresholds thresholds,
    IReceiptEvents events,
    IAuditTrail audit,
    ReceiptMetrics metrics,
    TimeProvider clock) : ICommandHandler<SettleReceipt, DocumentStatus>
{
    public async ValueTask<DocumentStatus> Handle(SettleReceipt command, CancellationToken cancellationToken)
    {
        var (orgId, documentId) = (command.OrgId, command.DocumentId);
        var work = await receipts.LockAsync(orgId, documentId, cancellationToken)
            ?? throw new InvalidOperationException($"Document {documentId} vanished.");
        if (work.IsFinal)
            return work.Status;
        var extraction = work.Extraction ?? throw new InvalidOperationException($"Document {documentId} has no extraction yet.");

        var history = await vendors.FindAsync(orgId, VendorKey.Of(extraction), cancellationToken);
        var proposal = await ProposeAsync(orgId, documentId, work, extraction, history, cancellationToken);
        var reasons = proposal.Reasons.Concat(thresholds.Check(extraction, history?.AgreementWith(extraction), vatDerived: proposal.Draft is not null && extraction.Vat.Count == 0)).ToList();
        var results = proposal.Draft is null ? [] : await posting.CheckAsync(orgId, proposal.Draft, cancellationToken);
        var now = clock.GetUtcNow();
        await Record(ReceiptEventKinds.Attempt, latency: null);
        metrics.Attempted();
        if (results.Exists(result => result.Blocks))
        {
            await Record(ReceiptEventKinds.PrecheckBlocked, latency: null);
            metrics.ComplianceBlocked("precheck");
        }

        reasons.AddRange(results.Where(BlocksAutopost).Select(ComplianceReason));

        Guid? verificationId = null;
        if (proposal.Draft is { } draft && reasons.Count == 0)
        {
            try
            {
                var posted = await posting.PostAsync(orgId, draft, cancellationToken);
                verificationId = posted.Id;
            }
            catch (ComplianceException refused)
            {
                // The books changed between pre-check and posting (another posting took the same receipt).
                await Record(ReceiptEventKinds.PostBlocked, latency: null);
                metrics.ComplianceBlocked("post");
                results = refused.Results.ToList();
                reasons.AddRange(results.Where(result => result.Blocks).Select(ComplianceReason));
            }
        }

        var status = verificationId is null ? DocumentStatus.NeedsReview : DocumentStatus.Posted;
        var findings = new ReceiptFindings(work.Text?.Text, extraction, StoredProposalOf(proposal), reasons, ComplianceResult.From(results), verificationId);
        await receipts.FinishAsync(orgId, documentId, status, findings, failure: null, now, cancellationToken);

        var sinceUpload = now - work.UploadedAt;
        if (status == DocumentStatus.Posted)
        {
            await Record(ReceiptEventKinds.Autoposted, (long)sinceUpload.TotalMilliseconds);
            metrics.Posted(sinceUpload);
        }
        else
        {
            await Record(ReceiptEventKinds.SentToReview, latency: null);
        }

        metrics.Outcome(status == DocumentStatus.Posted ? ReceiptEventKinds.Autoposted : ReceiptEventKinds.SentToReview);
        await audit.RecordAsync(orgId, status == DocumentStatus.Posted ? "document.autoposted" : "document.needs_review", $"document/{documentId}",
            new { VerificationId = verificationId, Reasons = reasons.Select(reason => reason.Code).ToList() }, cancellationToken);
        return status;

        Task Record(string kind, long? latency) => events.RecordAsync(orgId, documentId, kind, now, latency, cancellationToken);
    }

    /// <summary>The proposal as the review shows it and as approval rebuilds it.</summary>
    public static StoredProposal StoredProposalOf(ReceiptProposal proposal) =>
        new(proposal.Draft?.Date, proposal.Draft?.Description ?? "Kvitto", proposal.Draft?.Counterparty, proposal.Category, proposal.CostAccount, proposal.AccountSource,
            proposal.Draft?.Lines.Select(LineInput.Of).ToList());

    // What the organisation's approvals taught about the vendor: its account, how it is paid, its one VAT rate.
    private async Task<ReceiptProposal> ProposeAsync(
        Guid orgId, Guid documentId, ReceiptWork work, ReceiptExtraction extraction, VendorHistory? history, CancellationToken cancellationToken)
    {
        var organization = await organizations.FindAsync(orgId, cancellationToken) ?? throw new InvalidOperationException($"Organisation {orgId} vanished.");
        var payment = new ReceiptPayment(extraction.PaymentMethod, PaidPrivately: false, OrgNumber.Parse(organization.OrgNumber).IsSoleTrader, history?.CreditAccount);
        return ReceiptProposer.Propose(documentId, extraction, work.Text?.Text ?? "", history?.Account, payment, history?.SingleVatRate);
    }

    private static ReviewReason ComplianceReason(RuleResult result) => new(ReviewReasonCodes.Compliance(result.Code), null, result.Message.English);

    // Blocking rules stop it, and so does a warning that the same purchase may already be booked:
    // a person, not the machine, decides whether a second receipt for it is a duplicate.
    private static bool BlocksAutopost(RuleResult result) => result.Blocks || (!result.Passed && result.Code == "DUP");
}

/// <summary>Marks a document failed after its job ran out of retries; a later successful run moves it on.</summary>
public sealed record FailReceipt(Guid OrgId, Guid DocumentId, string Failure) : ICommand, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.PostVerifications;
}

public sealed class FailReceiptHandler(IReceiptWorkStore receipts, IReceiptEvents events, ReceiptMetrics metrics, TimeProvider clock) : ICommandHandler<FailReceipt>
{
    public async ValueTask<Unit> Handle(FailReceipt command, CancellationToken cancellationToken)
    {
        var work = await receipts.LockAsync(command.OrgId, command.DocumentId, cancellationToken);
        if (work is null || work.IsFinal)
            return Unit.Value;

        var now = clock.GetUtcNow();
        var failure = command.Failure.Length <= 500 ? command.Failure : command.Failure[..500];
        var findings = new ReceiptFindings(work.Text?.Text, work.Extraction, null, [], [], null);
        await receipts.FinishAsync(command.OrgId, command.DocumentId, DocumentStatus.Failed, findings, failure, now, cancellationToken);
        await events.RecordAsync(command.OrgId, command.DocumentId, ReceiptEventKinds.Failed, now, null, cancellationToken);
        metrics.Outcome(ReceiptEventKinds.Failed);
        return Unit.Value;
    }
}
