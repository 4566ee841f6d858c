using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Reports.Pdfs;
using CleanLedger.Domain.Organizations;
using CleanLedger.Infrastructure.Exports.Pdf;
using CleanLedger.Testing;
using UglyToad.PdfPig;

namespace CleanLedger.Infrastructure.Tests.Exports;

/// <summary>A verification PDF always renders: a PDF receipt is drawn from qpdf's rewrite, one even qpdf cannot read is named.</summary>
public sealed class VerificationPdfTests
{
    private static readonly OrganizationDetails Organization = new(Guid.NewGuid(), "Kvitto AB", "556677-8899", VatPeriod.Monthly, "01-01", DateTimeOffset.UnixEpoch);

    private static readonly VerificationDetails Verification = new(
        Guid.NewGuid(), "A", 1, new DateOnly(2026, 11, 2), DateTimeOffset.UnixEpoch, "Kaffe", "Kaffebaren", "SEK", 4200, Guid.NewGuid(), null, null, [], [], []);

    private readonly PdfRenderer _renderer = new(DocumentWork.Gate());

    [Theory]
    [InlineData("as written")]
    [InlineData("with a wrong startxref")]
    [InlineData("with its cross-reference table cut off")]
    public async Task A_pdf_receipt_qpdf_can_read_is_drawn_onto_the_second_page(string shape)
    {
        var receipt = ReceiptPdf.Render("Kaffebaren", "Att betala 42,00");
        receipt = shape switch
        {
            "with a wrong startxref" => HostilePdf.WithWrongStartxref(receipt),
            "with its cross-reference table cut off" => [.. receipt[..receipt.AsSpan().LastIndexOf("xref"u8)], .. "%%EOF\n"u8],
            _ => receipt,
        };

        var bytes = await _renderer.VerificationAsync(Organization, Verification, new ReceiptImage("application/pdf", receipt), CancellationToken.None);

        using var pdf = PdfDocument.Open(bytes);
        pdf.NumberOfPages.ShouldBe(2);
        pdf.GetPage(2).Text.ShouldContain("Att betala 42,00");
    }

    [Fact]
    public async Task A_pdf_receipt_even_qpdf_cannot_read_is_named_and_the_verification_still_renders()
    {
        var bytes = await _renderer.VerificationAsync(Organization, Verification, new ReceiptImage("application/pdf", "%PDF-1.7\nnothing here\n"u8.ToArray()), CancellationToken.None);

        using var pdf = PdfDocument.Open(bytes);
        pdf.GetPage(1).Text.ShouldContain("Verifikation A1");
        pdf.GetPage(2).Text.ShouldContain("kan inte bäddas in");
    }
}
