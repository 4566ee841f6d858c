using System.Security.Cryptography;
using CleanLedger.Application.Documents;
using CleanLedger.Domain.Common;
using CleanLedger.Infrastructure.Documents;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CleanLedger.Api.Hosting;

/// <summary>
/// Streams the multipart field <c>file</c> to a temporary file, hashing (SHA-256) and counting as
/// it goes, so no upload is ever held whole in memory. The caller deletes the file when done.
/// </summary>
public static class MultipartUpload
{
    public const string FileField = "file";

    private const string FileNameItem = "cleanledger.upload.fileName";

    /// <summary>The name of the file part being received, once its headers were read (for the audit of a refusal).</summary>
    public static string? FileNameOf(HttpRequest request) => request.HttpContext.Items[FileNameItem] as string;

    /// <param name="request">The multipart request.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <param name="maxBytes">The cap for this route; documents' configured cap when not given.</param>
    public static async Task<IncomingFile> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken, long? maxBytes = null)
    {
        maxBytes ??= request.HttpContext.RequestServices.GetRequiredService<IOptions<DocumentOptions>>().Value.MaxBytes;
        // A route may allow more than the server-wide body limit (whole-year SIE files).
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit
            && limit.MaxRequestBodySize < maxBytes)
            limit.MaxRequestBodySize = maxBytes;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
            throw new UploadRejectedException(UploadRejection.UnsupportedType, "upload.not_multipart", "Send the receipt as multipart/form-data with a field named 'file'.");

        // The file part itself is capped (413) while it streams; the whole body may add its headers.
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = maxBytes + (1024 * 1024) };
        try
        {
            return await ReadFileSectionAsync(request, reader, maxBytes.Value, cancellationToken);
        }
        catch (InvalidDataException malformed)
        {
            throw new BadHttpRequestException($"The multipart body is malformed: {malformed.Message}");
        }
    }

    private static async Task<IncomingFile> ReadFileSectionAsync(HttpRequest request, MultipartReader reader, long maxBytes, CancellationToken cancellationToken)
    {
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && disposition.IsFileDisposition()
                && HeaderUtilities.RemoveQuotes(disposition.Name).Value == FileField)
            {
                var fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "upload");
                // Refused before it is recorded anywhere, the audit of a refusal included (ADR 0016).
                if (!PlainText.IsClean(fileName))
                    throw new BadHttpRequestException($"The file name {PlainText.Requirement}.");
                request.HttpContext.Items[FileNameItem] = fileName;
                return await SaveAsync(section.Body, fileName, section.ContentType, maxBytes, cancellationToken);
            }
        }

        throw new UploadRejectedException(UploadRejection.UnsupportedType, "upload.no_file", "The multipart body has no field named 'file'.");
    }

    private static async Task<IncomingFile> SaveAsync(Stream body, string fileName, string? declaredType, long maxBytes, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cleanledger-upload-{Guid.NewGuid():N}");
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                        throw new UploadRejectedException(UploadRejection.TooLarge, "file.too_large", $"The file is larger than {maxBytes} bytes.");
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            return new IncomingFile(path, string.IsNullOrWhiteSpace(fileName) ? "upload" : fileName, declaredType, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }
}
