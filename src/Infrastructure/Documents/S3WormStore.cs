using System.Security.Cryptography;
using CleanLedger.Application.Documents;
using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;
using Minio.DataModel.ObjectLock;
using Minio.Exceptions;

namespace CleanLedger.Infrastructure.Documents;

/// <summary>Section "Documents:S3": the Object Lock bucket of staging and production.</summary>
public sealed class S3StoreOptions
{
    /// <summary>The legal minimum (BFL 7 kap. 2 §); configuration may only lengthen it.</summary>
    public const int MinimumRetentionYears = 7;

    public string Endpoint { get; set; } = "";

    public string AccessKey { get; set; } = "";

    public string SecretKey { get; set; } = "";

    public string Bucket { get; set; } = "cleanledger-documents";

    public string Region { get; set; } = "eu-north-1";

    /// <summary>Years kept after the calendar year in which the fiscal year ends; at least seven.</summary>
    public int RetentionYears { get; set; } = MinimumRetentionYears;

    /// <summary>Where bookkeeping material may be stored: Sweden and other EU regions.</summary>
    public string[] AllowedRegions { get; set; } = ["eu-north-1", "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-3", "eu-south-1", "eu-south-2", "se-sto-1"];

    public IEnumerable<string> Violations()
    {
        if (RetentionYears < MinimumRetentionYears)
            yield return $"Documents:S3:RetentionYears is {RetentionYears}; bookkeeping material is kept at least {MinimumRetentionYears} years.";
        if (!AllowedRegions.Contains(Region, StringComparer.Ordinal))
            yield return $"Documents:S3:Region '{Region}' is not an allowed (Swedish/EU) region: {string.Join(", ", AllowedRegions)}.";
        if (string.IsNullOrWhiteSpace(Endpoint))
            yield return "Documents:S3:Endpoint is not set.";
    }
}

/// <summary>
/// The S3 write-once store: every object is put with Object Lock retention COMPLIANCE (nobody,
/// root included, can delete it or shorten its retention before the date) until seven or more
/// years after its fiscal year. Content-addressed like the local store; an existing object is
/// never replaced. Reads are verified against the hash.
/// </summary>
public sealed class S3WormStore(IOptions<DocumentOptions> options) : IDocumentStore, IDocumentLegalHold, IDisposable
{
    private readonly S3StoreOptions _s3 = options.Value.S3;
    private readonly IMinioClient _client = Connect(options.Value.S3);
    private readonly SemaphoreSlim _bucketReady = new(1, 1);
    private bool _bucketChecked;

    public async Task<string> PutAsync(IncomingFile file, DateOnly retainUntil, CancellationToken cancellationToken)
    {
        await EnsureBucketAsync(cancellationToken);
        var key = $"{file.Sha256[..2]}/{file.Sha256[2..4]}/{file.Sha256}";
        var until = retainUntil.AddYears(_s3.RetentionYears - S3StoreOptions.MinimumRetentionYears).ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Utc);
        if (await ExistsAsync(key, cancellationToken))
        {
            // The same bytes again (another organisation, or a later year): the longer retention wins.
            await ExtendRetentionAsync(key, until, cancellationToken);
            return key;
        }

        await using var content = File.OpenRead(file.Path);
        await _client.PutObjectAsync(
            new PutObjectArgs()
                .WithBucket(_s3.Bucket)
                .WithObject(key)
                .WithStreamData(content)
                .WithObjectSize(file.Size)
                .WithContentType("application/octet-stream")
                .WithRetentionConfiguration(new ObjectRetentionConfiguration(until, ObjectRetentionMode.COMPLIANCE)),
            cancellationToken);
        return key;
    }

    public async Task<Stream> OpenReadAsync(string storageKey, string sha256, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cleanledger-read-{Guid.NewGuid():N}");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await _client.GetObjectAsync(
                new GetObjectArgs().WithBucket(_s3.Bucket).WithObject(storageKey)
                    .WithCallbackStream(async (stream, token) => await stream.CopyToAsync(file, token)),
                cancellationToken);
            file.Position = 0;
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
            if (actual != sha256)
                throw new InvalidDataException($"The stored document {storageKey} does not match its hash.");
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Object Lock's legal hold: while on, the object is kept even past its retention date.</summary>
    public Task SetAsync(string storageKey, bool onHold, CancellationToken cancellationToken) =>
        _client.SetObjectLegalHoldAsync(new SetObjectLegalHoldArgs().WithBucket(_s3.Bucket).WithObject(storageKey).WithLegalHold(onHold), cancellationToken);

    public void Dispose()
    {
        _bucketReady.Dispose();
        _client.Dispose();
    }

    private async Task ExtendRetentionAsync(string key, DateTime until, CancellationToken cancellationToken)
    {
        var current = await _client.GetObjectRetentionAsync(new GetObjectRetentionArgs().WithBucket(_s3.Bucket).WithObject(key), cancellationToken);
        if (DateTime.Parse(current.RetainUntilDate, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal) >= until)
            return;
        await _client.SetObjectRetentionAsync(
            new SetObjectRetentionArgs().WithBucket(_s3.Bucket).WithObject(key).WithRetentionMode(ObjectRetentionMode.COMPLIANCE).WithRetentionUntilDate(until),
            cancellationToken);
    }

    private async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _client.StatObjectAsync(new StatObjectArgs().WithBucket(_s3.Bucket).WithObject(key), cancellationToken);
            return true;
        }
        catch (ObjectNotFoundException)
        {
            return false;
        }
    }

    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (_bucketChecked)
            return;
        await _bucketReady.WaitAsync(cancellationToken);
        try
        {
            // The bucket is infrastructure (created with Object Lock by the deployment); a store that
            // cannot lock objects must not pretend to be write-once.
            if (!await _client.BucketExistsAsync(new BucketExistsArgs().WithBucket(_s3.Bucket), cancellationToken))
                throw new InvalidOperationException($"The document bucket '{_s3.Bucket}' does not exist.");
            if (await ObjectLockOfAsync(cancellationToken) != ObjectLockConfiguration.LockEnabled)
                throw new InvalidOperationException($"The document bucket '{_s3.Bucket}' has no Object Lock.");
            _bucketChecked = true;
        }
        finally
        {
            _bucketReady.Release();
        }
    }

    private async Task<string?> ObjectLockOfAsync(CancellationToken cancellationToken)
    {
        try
        {
            var locking = await _client.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationArgs().WithBucket(_s3.Bucket), cancellationToken);
            return locking?.ObjectLockEnabled;
        }
        catch (Exception exception) when (exception is MinioException or ArgumentNullException)
        {
            // No Object Lock configuration: S3 answers with an error, which Minio 7.0.0 surfaces
            // either as its own exception or, parsing the empty answer, as ArgumentNullException.
            return null;
        }
    }

    private static IMinioClient Connect(S3StoreOptions s3)
    {
        var endpoint = new Uri(s3.Endpoint);
        return new MinioClient()
            .WithEndpoint(endpoint.Host, endpoint.Port)
            .WithCredentials(s3.AccessKey, s3.SecretKey)
            .WithRegion(s3.Region)
            .WithSSL(endpoint.Scheme == Uri.UriSchemeHttps)
            .Build();
    }
}
