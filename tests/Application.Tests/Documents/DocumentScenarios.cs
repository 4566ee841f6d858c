using System.Security.Cryptography;
using CleanLedger.Application.Documents;
using CleanLedger.Application.Documents.CheckUpload;
using CleanLedger.Application.Documents.UploadDocument;
using CleanLedger.Testing;

namespace CleanLedger.Application.Tests.Documents;

/// <summary>Short ways to put documents into an organisation through the real upload use case.</summary>
public static class DocumentScenarios
{
    /// <summary>Uploads <paramref name="pdf"/> as <paramref name="user"/>, as the Api would after streaming it to disk; answers the document's id.</summary>
    public static async Task<Guid> UploadPdfAsync(this ApplicationHarness app, TestUser user, Guid orgId, byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cleanledger-upload-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var incoming = new IncomingFile(path, "kvitto.pdf", "application/pdf", pdf.Length, Convert.ToHexStringLower(SHA256.HashData(pdf)));
            var checkedUpload = await app.SendAsync<CheckedUpload>(user, new CheckUpload(orgId, incoming));
            var uploaded = await app.SendAsync<UploadedDocument>(user, new UploadDocument(orgId, incoming, null, checkedUpload));
            uploaded.Refusal.ShouldBeNull();
            return uploaded.Id;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A small receipt PDF from Clas Ohlson whose text says <paramref name="text"/>, uploaded.</summary>
    public static Task<Guid> UploadReceiptAsync(this ApplicationHarness app, TestUser user, Guid orgId, string text) =>
        app.UploadPdfAsync(user, orgId, ReceiptPdf.Render("Clas Ohlson", text, "Totalt 250,00"));
}
