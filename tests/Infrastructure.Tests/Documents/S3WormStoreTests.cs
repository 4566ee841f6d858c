using System.Security.Cryptography;
using CleanLedger.Application.Documents;
using CleanLedger.Infrastructure.Documents;
using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;
using Minio.DataModel.ObjectLock;
using Minio.Exceptions;

namespace CleanLedger.Infrastructure.Tests.Documents;

/// <summary>
/// The S3 store against a real S3 server with Object Lock (Ceph radosgw, started by ./build/test.sh):
/// a stored version can be neither deleted nor have its retention shortened.
/// </summary>
public sealed class S3WormStoreTests : IDisposable
{
    private static readonly DateOnly RetainUntil = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(7);
    private readonly string _scratch = Directory.CreateTempSubdirectory("cleanledger-s3-").FullName;
    private readonly S3StoreOptions _s3;
    private readonly S3WormStore _store;
    private readonly IMinioClient _admin;

    public S3WormStoreTests()
    {
        var variable = Environment.GetEnvironmentVariable("CLEANLEDGER_TEST_S3")
            ?? throw new InvalidOperationException("CLEANLEDGER_TEST_S3 is not set: run the tests with ./build/test.sh, which starts radosgw.");
        var parts = variable.Split(';');
        _s3 = new S3StoreOptions { Endpoint = parts[0], AccessKey = parts[1], SecretKey = parts[2], Bucket = $"cl-test-{Guid.NewGuid():N}"[..30] };
        _store = new S3WormStore(Options.Create(new DocumentOptions { Store = "s3", S3 = _s3 }));
        var endpoint = new Uri(_s3.Endpoint);
        _admin = new MinioClient().WithEndpoint(endpoint.Host, endpoint.Port).WithCredentials(_s3.AccessKey, _s3.SecretKey).WithRegion(_s3.Region).Build();
        _admin.MakeBucketAsync(new MakeBucketArgs().WithBucket(_s3.Bucket).WithObjectLock()).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _store.Dispose();
        _admin.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public async Task Stores_with_compliance_retention_of_at_least_seven_years_and_reads_back_verified()
    {
        var file = Incoming(RandomNumberGenerator.GetBytes(100_000));

        var key = await _store.PutAsync(file, RetainUntil, CancellationToken.None);

        var retention = await _admin.GetObjectRetentionAsync(new GetObjectRetentionArgs().WithBucket(_s3.Bucket).WithObject(key));
        retention.Mode.ShouldBe(ObjectRetentionMode.COMPLIANCE);
        DateTime.Parse(retention.RetainUntilDate, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(DateTime.UtcNow.AddYears(7).AddDays(-2));
        await using var read = await _store.OpenReadAsync(key, file.Sha256, CancellationToken.None);
        Convert.ToHexStringLower(await SHA256.HashDataAsync(read)).ShouldBe(file.Sha256);
    }

    [Fact]
    public async Task A_locked_version_cannot_be_deleted_nor_its_retention_shortened()
    {
        var file = Incoming(RandomNumberGenerator.GetBytes(10_000));
        var key = await _store.PutAsync(file, RetainUntil, CancellationToken.None);
        var version = (await _admin.StatObjectAsync(new StatObjectArgs().WithBucket(_s3.Bucket).WithObject(key))).VersionId;

        await Should.ThrowAsync<MinioException>(() => _admin.RemoveObjectAsync(
            new RemoveObjectArgs().WithBucket(_s3.Bucket).WithObject(key).WithVersionId(version).WithBypassGovernanceMode(true)));
        await Should.ThrowAsync<MinioException>(() => _admin.SetObjectRetentionAsync(
            new SetObjectRetentionArgs().WithBucket(_s3.Bucket).WithObject(key).WithVersionId(version)
                .WithRetentionMode(ObjectRetentionMode.COMPLIANCE).WithRetentionUntilDate(DateTime.UtcNow.AddDays(1))));

        await using var read = await _store.OpenReadAsync(key, file.Sha256, CancellationToken.None);
        Convert.ToHexStringLower(await SHA256.HashDataAsync(read)).ShouldBe(file.Sha256);
    }

    [Fact]
    public async Task Configured_longer_retention_is_applied_and_the_same_bytes_are_stored_once()
    {
        var longer = new S3WormStore(Options.Create(new DocumentOptions { Store = "s3", S3 = new S3StoreOptions
        {
            Endpoint = _s3.Endpoint, AccessKey = _s3.AccessKey, SecretKey = _s3.SecretKey, Bucket = _s3.Bucket, RetentionYears = 10,
        } }));
        var file = Incoming(RandomNumberGenerator.GetBytes(5_000));

        var key = await longer.PutAsync(file, RetainUntil, CancellationToken.None);
        (await longer.PutAsync(file, RetainUntil, CancellationToken.None)).ShouldBe(key);
        longer.Dispose();

        var retention = await _admin.GetObjectRetentionAsync(new GetObjectRetentionArgs().WithBucket(_s3.Bucket).WithObject(key));
        DateTime.Parse(retention.RetainUntilDate, System.Globalization.CultureInfo.InvariantCulture).Year.ShouldBe(RetainUntil.Year + 3);
        var versions = new List<string>();
        await foreach (var item in _admin.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(_s3.Bucket).WithVersions(true).WithRecursive(true)))
            versions.Add(item.Key);
        versions.ShouldBe([key]);
    }

    [Fact]
    public async Task The_same_bytes_stored_again_for_a_later_year_keep_the_longer_retention()
    {
        var file = Incoming(RandomNumberGenerator.GetBytes(2_000));
        var key = await _store.PutAsync(file, RetainUntil, CancellationToken.None);

        await _store.PutAsync(file, RetainUntil.AddYears(2), CancellationToken.None);
        await _store.PutAsync(file, RetainUntil, CancellationToken.None);

        var retention = await _admin.GetObjectRetentionAsync(new GetObjectRetentionArgs().WithBucket(_s3.Bucket).WithObject(key));
        DateTime.Parse(retention.RetainUntilDate, System.Globalization.CultureInfo.InvariantCulture).Year.ShouldBe(RetainUntil.Year + 2);
    }

    [Fact]
    public async Task An_auditor_can_put_a_legal_hold_on_and_off()
    {
        var key = await _store.PutAsync(Incoming(RandomNumberGenerator.GetBytes(1_000)), RetainUntil, CancellationToken.None);

        await _store.SetAsync(key, onHold: true, CancellationToken.None);
        (await _admin.GetObjectLegalHoldAsync(new GetObjectLegalHoldArgs().WithBucket(_s3.Bucket).WithObject(key))).ShouldBeTrue();
        await _store.SetAsync(key, onHold: false, CancellationToken.None);
        (await _admin.GetObjectLegalHoldAsync(new GetObjectLegalHoldArgs().WithBucket(_s3.Bucket).WithObject(key))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_bucket_without_object_lock_is_refused()
    {
        var plain = $"cl-plain-{Guid.NewGuid():N}"[..30];
        await _admin.MakeBucketAsync(new MakeBucketArgs().WithBucket(plain));
        using var store = new S3WormStore(Options.Create(new DocumentOptions { Store = "s3", S3 = new S3StoreOptions
        {
            Endpoint = _s3.Endpoint, AccessKey = _s3.AccessKey, SecretKey = _s3.SecretKey, Bucket = plain,
        } }));

        var refusal = await Should.ThrowAsync<InvalidOperationException>(() => store.PutAsync(Incoming([1, 2, 3]), RetainUntil, CancellationToken.None));

        refusal.Message.ShouldContain("no Object Lock");
    }

    [Theory]
    [InlineData(6, "eu-north-1", "kept at least 7 years")]
    [InlineData(7, "us-east-1", "not an allowed (Swedish/EU) region")]
    public void Settings_that_weaken_retention_or_leave_the_eu_are_refused(int years, string region, string message) =>
        new S3StoreOptions { Endpoint = "https://s3.example.se", RetentionYears = years, Region = region }.Violations().ShouldHaveSingleItem().ShouldContain(message);

    private IncomingFile Incoming(byte[] bytes)
    {
        var path = Path.Combine(_scratch, Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, bytes);
        return new IncomingFile(path, "kvitto.pdf", "application/pdf", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
