using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Ledger;
using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Organizations;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Documents;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Organizations;
using CleanLedger.Domain.Receipts;
using CleanLedger.Application.Common.Validation;
using CleanLedger.Domain.Ledger.Verifications;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Receipts.Review;

/// <summary>
/// What a reviewer changes before approving. Everything is optional: no corrections posts the
/// proposal as it stands. <see cref="Lines"/> replaces the proposed lines entirely; otherwise the
/// proposal is rebuilt with the corrected cost account, date and payment. <see cref="TotalOre"/>
/// states the receipt's total where it was misread; R-051 then holds the posting to it.
/// <see cref="Vat"/> states the receipt's VAT per rate where it was misread or not read: the rebuilt
/// proposal books it on 2641 and the net per rate on the cost account.
/// </summary>
public sealed record ReceiptCorrections(
    int? Account, DateOnly? Date, bool? PaidPrivately, string? Description, IReadOnlyList<LineInput>? Lines, long? TotalOre = null,
    IReadOnlyList<VatCorrection>? Vat = null);

/// <summary>
/// Posts a receipt from the review queue, with the reviewer's corrections, through the same rules
/// as any posting; stores what was proposed against what was approved, and teaches the vendor
/// memory what the approval shows (cost account, VAT rates, paying account, organisation number,
/// total; <see cref="VendorHistory"/>) so the vendor's next receipt in this organisation posts that
/// way by itself. The latest approval's account and payment win over older ones.
/// </summary>
public sealed record ApproveReceipt(Guid OrgId, Guid DocumentId, ReceiptCorrections? Corrections) : ICommand<PostedVerification>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ReviewDocuments | Permissions.PostVerifications;
}

public sealed class ApproveReceiptValidator : AbstractValidator<ApproveReceipt>
{
    public ApproveReceiptValidator()
    {
        RuleFor(c => c.Corrections!.Account).Must(account => AccountNumber.TryParse(account!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), out _))
            .When(c => c.Corrections?.Account is not null).WithMessage("'{PropertyValue}' is not a BAS account (four digits, 1000–8999).");
        RuleFor(c => c.Corrections!.Description).MaximumLength(500).PlainText().When(c => c.Corrections is not null);
        RuleFor(c => c.Corrections!.Date).WithinBookkeepingDates().When(c => c.Corrections is not null);
        RuleFor(c => c.Corrections!.TotalOre).InclusiveBetween(1, VerificationLimits.MaxGrossOre).When(c => c.Corrections?.TotalOre is not null);
        RuleFor(c => c.Corrections!.Lines!).Must(lines => lines.Count is > 0 and <= VerificationInputValidator.MaxLines)
            .When(c => c.Corrections?.Lines is not null).WithMessage($"Between 1 and {VerificationInputValidator.MaxLines} lines.");
        RuleForEach(c => c.Corrections!.Lines).SetValidator(new LineInputValidator()).When(c => c.Corrections?.Lines is not null);
        When(c => c.Corrections?.Vat is not null, () =>
        {
            RuleFor(c => c.Corrections!.Vat!).Must(vat => vat.Count > 0 && vat.Count <= SwedishRates.Length)
                .WithMessage($"Between 1 and {SwedishRates.Length} VAT rates.");
            RuleFor(c => c.Corrections!.Vat!).Must(vat => vat.Select(rate => rate.Rate).Distinct().Count() == vat.Count)
                .WithMessage("Each VAT rate at most once.");
            RuleForEach(c => c.Corrections!.Vat).SetValidator(new VatCorrectionValidator());
            RuleFor(c => c.Corrections!.Vat!).Must((c, vat) => vat.Sum(rate => rate.AmountOre) <= c.Corrections!.TotalOre)
                .When(c => c.Corrections!.TotalOre is not null).WithMessage("The VAT cannot exceed the total.");
            RuleFor(c => c.Corrections!.Vat).Null().When(c => c.Corrections!.Lines is not null)
                .WithMessage("Send either the lines or the VAT: the lines already say the VAT.");
        });
    }

    /// <summary>The Swedish VAT rates in whole percent a receipt can carry.</summary>
    public static readonly int[] SwedishRates = [25, 12, 6, 0];

    private sealed class VatCorrectionValidator : AbstractValidator<VatCorrection>
    {
        public VatCorrectionValidator()
        {
            RuleFor(rate => rate.Rate).Must(SwedishRates.Contains).WithMessage("'{PropertyValue}' is not a Swedish VAT rate (25, 12, 6 or 0).");
            RuleFor(rate => rate.AmountOre).InclusiveBetween(0, VerificationLimits.MaxLineOre);
            RuleFor(rate => rate.AmountOre).Equal(0).When(rate => rate.Rate == 0).WithMessage("At 0 % the VAT is 0.");
        }
    }
}

public sealed class ApproveReceiptHandler(
    IReceiptWorkStore receipts,
    IVendorMemory vendors,
    IReceiptFeedback feedback,
    IReceiptEvents events,
    IOrganizationStore organizations,
    VerificationPosting posting,
    IAuditTrail audit,
    ICurrentUser user,
    ReceiptMetrics metrics,
    TimeProvider clock) : ICommandHandler<ApproveReceipt, PostedVerification>
{
    public async ValueTask<PostedVerification> Handle(ApproveReceipt command, CancellationToken cancellationToken)
    {
        var (orgId, documentId) = (command.OrgId, command.DocumentId);
        var work = await receipts.LockAsync(orgId, documentId, cancellationToken) ?? throw new NotFoundException("Document", documentId);
        if (work.Status != DocumentStatus.NeedsReview)
            throw new ConflictException("review.not_pending", $"The document is {work.Status}, not waiting for review.");
        var findings = await receipts.FindingsAsync(orgId, documentId, cancellationToken) ?? throw new NotFoundException("Document", documentId);
        var corrections = command.Corrections ?? new ReceiptCorrections(null, null, null, null, null);
        if (findings.Extraction is { } misread && Corrected(misread, corrections) is var stated && stated != misread)
        {
            findings = findings with { Extraction = stated };
            await receipts.SaveExtractionAsync(orgId, documentId, stated, cancellationToken);
        }

        var draft = command.Corrections?.Lines is { } lines
            ? VerificationPosting.ToDraft(new VerificationInput(
                corrections.Date ?? findings.Extraction?.Date ?? throw new DomainException("review.date_needed", "The receipt's date was not read; send the date."),
                corrections.Description ?? findings.Proposal?.Description ?? "Kvitto",
                findings.Extraction?.Vendor, null, [documentId], lines))
            : await RebuildAsync(orgId, documentId, work, findings, corrections, cancellationToken);

        var posted = await posting.PostAsync(orgId, draft, cancellationToken);
        var now = clock.GetUtcNow();
        var approvedLines = draft.Lines.Select(LineInput.Of).ToList();
        var corrected = findings.Proposal?.Lines is not { } proposedLines || !proposedLines.SequenceEqual(approvedLines);

        await receipts.FinishAsync(orgId, documentId, DocumentStatus.Posted, findings with { VerificationId = posted.Id }, failure: null, now, cancellationToken);
        await feedback.RecordAsync(orgId, documentId, posted.Id, findings.Proposal, approvedLines, corrected, user.UserId, now, cancellationToken);
        if (findings.Extraction is { } extraction && VendorKey.Of(extraction) is [var firstKey, ..] vendorKeys && CostAccountOf(draft.Lines, corrections) is { } account)
        {
            var learned = VendorHistory.Learned(extraction, draft, account);
            var known = await vendors.FindAsync(orgId, vendorKeys, cancellationToken);
            await vendors.RememberAsync(orgId, vendorKeys, extraction.Vendor ?? firstKey, known?.Then(learned) ?? learned, documentId, now, cancellationToken);
        }

        var sinceUpload = now - work.UploadedAt;
        await events.RecordAsync(orgId, documentId, ReceiptEventKinds.Approved, now, (long)sinceUpload.TotalMilliseconds, cancellationToken);
        metrics.Outcome(ReceiptEventKinds.Approved);
        metrics.Posted(sinceUpload);
        await audit.RecordAsync(orgId, "document.approved", $"document/{documentId}", new { VerificationId = posted.Id, Corrected = corrected }, cancellationToken);
        return posted;
    }

    private async Task<Domain.Ledger.Verifications.VerificationDraft> RebuildAsync(
        Guid orgId, Guid documentId, ReceiptWork work, ReceiptFindings findings, ReceiptCorrections corrections, CancellationToken cancellationToken)
    {
        var extraction = findings.Extraction ?? throw new DomainException("review.lines_needed", "Nothing was read off this document; send the lines.");
        if (corrections.Date is { } date)
            extraction = extraction with { Date = date };
        var organization = await organizations.FindAsync(orgId, cancellationToken) ?? throw new NotFoundException("Organisation", orgId);
        // The vendor's history as settling used it, so that the proposal approved is the proposal shown.
        var history = await vendors.FindAsync(orgId, VendorKey.Of(extraction), cancellationToken);
        var payment = new ReceiptPayment(extraction.PaymentMethod, corrections.PaidPrivately ?? false, OrgNumber.Parse(organization.OrgNumber).IsSoleTrader, history?.CreditAccount);
        var account = corrections.Account ?? findings.Proposal?.CostAccount;
        var proposal = ReceiptProposer.Propose(documentId, extraction, work.Text?.Text ?? "", account, payment, history?.SingleVatRate);
        if (proposal.Draft is not { } draft)
        {
            throw new DomainException("review.lines_needed",
                "The proposal cannot be completed (" + string.Join(", ", proposal.Reasons.Select(reason => reason.Code)) + "); send the lines.");
        }

        return corrections.Description is { } description ? draft with { Description = description } : draft;
    }

    // The reading with the total and VAT table the reviewer stated.
    private static ReceiptExtraction Corrected(ReceiptExtraction extraction, ReceiptCorrections corrections)
    {
        var total = corrections.TotalOre ?? extraction.TotalOre;
        if (corrections.Vat is not { } vat)
            return extraction with { TotalOre = total };
        if (total is not { } paid)
            throw new DomainException("review.total_needed", "The receipt's total was not read; send the total with the VAT.");
        if (vat.Sum(rate => rate.AmountOre) > paid)
            throw new DomainException("review.vat_exceeds_total", $"The VAT cannot exceed the total {Money.FormatKronor(paid)}.");
        var gross = paid - (extraction.TipOre ?? 0) - (extraction.RoundingOre ?? 0);
        return extraction with { TotalOre = paid, Vat = CorrectedVat.Table(gross, vat) };
    }

    // The account the vendor is booked on: the one the reviewer chose, else the largest cost line's.
    private static int? CostAccountOf(IReadOnlyList<Domain.Ledger.Verifications.VerificationLine> lines, ReceiptCorrections corrections) =>
        corrections.Account ?? lines.Where(line => line.Account.Value >= 4000 && line.Debit > 0).MaxBy(line => line.Debit)?.Account.Value;
}
