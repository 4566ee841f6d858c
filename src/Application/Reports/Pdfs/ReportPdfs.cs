using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Documents;
using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Reports.GetVatReport;
using CleanLedger.Application.Common.Validation;
using CleanLedger.Domain.Access;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Reports.Pdfs;

/// <summary>Renders reports as PDF with extractable text (Infrastructure implements it).</summary>
public interface IPdfRenderer
{
    byte[] VatReport(OrganizationDetails organization, VatReport report);

    /// <summary>
    /// The verification with its lines and rule results, and the first receipt's image or first page.
    /// A receipt that cannot be drawn in is named instead, so the verification itself always renders.
    /// </summary>
    Task<byte[]> VerificationAsync(OrganizationDetails organization, VerificationDetails verification, ReceiptImage? receipt, CancellationToken cancellationToken);
}

public sealed record ReceiptImage(string ContentType, byte[] Bytes);

public sealed record GetVatReportPdf(Guid OrgId, string Period) : IQuery<byte[]>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ExportReports;
}

public sealed class GetVatReportPdfValidator : AbstractValidator<GetVatReportPdf>
{
    public GetVatReportPdfValidator() => RuleFor(q => q.Period).VatReportPeriod();
}

public sealed class GetVatReportPdfHandler(VatReportCalculator calculator, IOrganizationStore organizations, IPdfRenderer pdfs)
    : IQueryHandler<GetVatReportPdf, byte[]>
{
    public async ValueTask<byte[]> Handle(GetVatReportPdf query, CancellationToken cancellationToken)
    {
        var report = await calculator.ComputeAsync(query.OrgId, query.Period, cancellationToken);
        var organization = await organizations.FindAsync(query.OrgId, cancellationToken) ?? throw new NotFoundException("Organisation", query.OrgId);
        return pdfs.VatReport(organization, report);
    }
}

public sealed record GetVerificationPdf(Guid OrgId, Guid VerificationId) : IQuery<byte[]>, IOrgScoped
{
    public static Permissions RequiredPermission => Permissions.ViewBooks;
}

public sealed class GetVerificationPdfHandler(
    IVerificationReader verifications, IOrganizationStore organizations, IDocumentRepository documents, IDocumentStore store, IPdfRenderer pdfs)
    : IQueryHandler<GetVerificationPdf, byte[]>
{
    public async ValueTask<byte[]> Handle(GetVerificationPdf query, CancellationToken cancellationToken)
    {
        var verification = await verifications.GetAsync(query.OrgId, query.VerificationId, cancellationToken)
            ?? throw new NotFoundException("Verification", query.VerificationId);
        var organization = await organizations.FindAsync(query.OrgId, cancellationToken) ?? throw new NotFoundException("Organisation", query.OrgId);
        ReceiptImage? receipt = null;
        if (verification.DocumentIds.Count > 0 && await documents.FindAsync(query.OrgId, verification.DocumentIds[0], cancellationToken) is { } document)
        {
            await using var content = await store.OpenReadAsync(document.StorageKey, document.Sha256, cancellationToken);
            using var bytes = new MemoryStream();
            await content.CopyToAsync(bytes, cancellationToken);
            receipt = new ReceiptImage(document.ContentType, bytes.ToArray());
        }

        return await pdfs.VerificationAsync(organization, verification, receipt, cancellationToken);
    }
}
