extern alias AdminHost;
extern alias ApiHost;
using System.Text.Json;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Hosting.Secrets;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;
using Minio;
using Minio.DataModel.Args;

namespace CleanLedger.Staging.Tests;

/// <summary>
/// The Api and the Admin configured as staging has them: PostgreSQL (the app, owner and jobs roles),
/// documents in an Object Lock bucket (radosgw), uploads scanned by clamd, a Data Protection key
/// ring encrypted by a certificate, every secret read from Secrets Manager (the loopback fake that
/// checks SigV4), the OpenID Provider as the BankID broker and as the staff identity provider.
/// Nothing of local/test/ci is switched on: no stub user, no development keys.
/// </summary>
public sealed class StagingEnvironment : IAsyncLifetime
{
    public const string ApiSecretName = "cleanledger/staging/api";
    public const string AdminSecretName = "cleanledger/staging/admin";

    /// <summary>What a file of settings would hold instead of the real password: the hosts must take Secrets Manager's.</summary>
    private const string WrongPassword = "not-the-password";

    public PostgresTestDatabase Database { get; private set; } = null!;

    public FakeSecretsManager Secrets { get; private set; } = null!;

    public OidcClient BankIdClient { get; private set; } = null!;

    public OidcClient StaffClient { get; private set; } = null!;

    public ApiFactory Api { get; private set; } = null!;

    public AdminFactory Admin { get; private set; } = null!;

    private S3 _s3 = null!;

    public async Task InitializeAsync()
    {
        Database = await PostgresTestDatabase.CreateAsync();
        Secrets = await FakeSecretsManager.StartAsync();
        _s3 = S3.FromEnvironment();
        await _s3.CreateLockedBucketAsync();
        BankIdClient = await OidcTestProvider.RegisterClientAsync(new Uri(ApiFactory.BaseAddress, "/api/v1/auth/bankid/callback"));
        // ASP.NET Core's OpenID Connect handler sends its secret in the form, as the client registers.
        StaffClient = await OidcTestProvider.RegisterClientAsync(OidcTestProvider.SecretInForm, new Uri(AdminFactory.BaseAddress, "/signin-oidc"));

        Secrets.Put(ApiSecretName, JsonSerializer.Serialize(new Dictionary<string, string?>(DatabaseSecrets())
        {
            ["Documents:S3:SecretKey"] = _s3.SecretKey,
            ["Auth:BankId:ClientSecret"] = BankIdClient.ClientSecret,
            ["Auth:PersonnummerHmacKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        }));
        Secrets.Put(AdminSecretName, JsonSerializer.Serialize(new Dictionary<string, string?>(DatabaseSecrets())
        {
            ["Admin:Oidc:ClientSecret"] = StaffClient.ClientSecret,
        }));

        var keyRing = TestKeyRing.Settings();
        Api = new ApiFactory(this, keyRing);
        Admin = new AdminFactory(this, keyRing);
        Api.UseDatabaseOf(Database);
        Admin.UseDatabaseOf(Database);
    }

    /// <summary>Whether the bucket keeps <paramref name="storageKey"/> under Object Lock's legal hold.</summary>
    public Task<bool> LegalHoldOfAsync(string storageKey) => _s3.LegalHoldOfAsync(storageKey);

    public async Task DisposeAsync()
    {
        await Admin.DisposeAsync();
        await Api.DisposeAsync();
        await Secrets.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>The settings both hosts share; secrets appear only as wrong values that Secrets Manager's must replace.</summary>
    private Dictionary<string, string?> Shared(string secretName, IReadOnlyDictionary<string, string?> keyRing) => new(keyRing)
    {
        ["Auth:StubUser"] = "false",
        ["Auth:Issuer"] = "https://api.cleanledger.test",
        ["Cors:AllowedOrigins:0"] = "https://app.cleanledger.test",
        ["Database:ConnectionString"] = WithWrongPassword(Database.Options.ConnectionString),
        ["Jobs:ConnectionString"] = WithWrongPassword(Database.JobsConnectionString),
        ["Documents:Store"] = "s3",
        ["Documents:S3:Endpoint"] = _s3.Endpoint,
        ["Documents:S3:AccessKey"] = _s3.AccessKey,
        ["Documents:S3:Bucket"] = _s3.Bucket,
        ["Documents:VirusScan:Enabled"] = "true",
        ["Documents:VirusScan:Host"] = Clamd.Host,
        ["Documents:VirusScan:Port"] = Clamd.Port,
        ["Secrets:Provider"] = SecretsOptions.AwsProvider,
        ["Secrets:Region"] = FakeSecretsManager.Region,
        ["Secrets:Endpoint"] = Secrets.Endpoint.ToString(),
        ["Secrets:Names:0"] = secretName,
        [AwsCredentials.AccessKeyIdVariable] = FakeSecretsManager.AccessKeyId,
        [AwsCredentials.SecretAccessKeyVariable] = FakeSecretsManager.SecretAccessKey,
    };

    private IReadOnlyDictionary<string, string?> DatabaseSecrets() => new Dictionary<string, string?>
    {
        ["Database:ConnectionString"] = Database.Options.ConnectionString,
        ["Jobs:ConnectionString"] = Database.JobsConnectionString,
    };

    private static string WithWrongPassword(string connectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Password = WrongPassword }.ConnectionString;

    /// <summary>The Api in staging, with its job server (receipt jobs, key rotation).</summary>
    public sealed class ApiFactory(StagingEnvironment environment, IReadOnlyDictionary<string, string?> keyRing)
        : HostFactory<ApiHost::Program>(DatabaseProvider.Postgres)
    {
        public static readonly Uri BaseAddress = new("https://localhost");

        protected override string Environment => AppEnvironments.Staging;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(environment.Shared(ApiSecretName, keyRing))
        {
            ["Jobs:Server"] = "true",
            ["Jobs:Workers"] = "1",
            ["Auth:BankId:Authority"] = OidcTestProvider.Issuer.ToString(),
            ["Auth:BankId:ClientId"] = environment.BankIdClient.ClientId,
            ["Auth:BankId:CallbackUri"] = new Uri(BaseAddress, "/api/v1/auth/bankid/callback").ToString(),
        };

        /// <summary>A person's browser or app: https (the sign-in binding cookie is Secure), cookies of its own.</summary>
        public HttpClient Browser() => CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = BaseAddress });
    }

    /// <summary>The Admin in staging: staff sign in through the company's identity provider.</summary>
    public sealed class AdminFactory(StagingEnvironment environment, IReadOnlyDictionary<string, string?> keyRing)
        : HostFactory<AdminHost::Program>(DatabaseProvider.Postgres)
    {
        public static readonly Uri BaseAddress = new("https://localhost");

        protected override string Environment => AppEnvironments.Staging;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(environment.Shared(AdminSecretName, keyRing))
        {
            ["Admin:Oidc:Authority"] = OidcTestProvider.Issuer.ToString(),
            ["Admin:Oidc:ClientId"] = environment.StaffClient.ClientId,
            ["Admin:Oidc:Scopes:0"] = "profile",
            ["Admin:Oidc:Scopes:1"] = "email",
            ["Admin:Oidc:Scopes:2"] = "roles",
        };

        /// <summary>A member of staff's browser: https (the handler's cookies are Secure), cookies kept, redirects shown.</summary>
        public HttpClient Browser() =>
            CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = BaseAddress, AllowAutoRedirect = false, HandleCookies = true });
    }

    /// <summary>The radosgw that ./build/test.sh starts (CLEANLEDGER_TEST_S3 = endpoint;access key;secret key), with a bucket of this run's own.</summary>
    private sealed record S3(string Endpoint, string AccessKey, string SecretKey, string Bucket)
    {
        public static S3 FromEnvironment()
        {
            var parts = (System.Environment.GetEnvironmentVariable("CLEANLEDGER_TEST_S3")
                ?? throw new InvalidOperationException("CLEANLEDGER_TEST_S3 is not set: run the tests with ./build/test.sh, which starts radosgw.")).Split(';');
            return new S3(parts[0], parts[1], parts[2], $"cl-staging-{Guid.NewGuid():N}"[..30]);
        }

        public async Task CreateLockedBucketAsync()
        {
            using var client = Client();
            await client.MakeBucketAsync(new MakeBucketArgs().WithBucket(Bucket).WithObjectLock());
        }

        public async Task<bool> LegalHoldOfAsync(string storageKey)
        {
            using var client = Client();
            return await client.GetObjectLegalHoldAsync(new GetObjectLegalHoldArgs().WithBucket(Bucket).WithObject(storageKey));
        }

        private IMinioClient Client()
        {
            var endpoint = new Uri(Endpoint);
            return new MinioClient().WithEndpoint(endpoint.Host, endpoint.Port).WithCredentials(AccessKey, SecretKey)
                .WithRegion(new CleanLedger.Infrastructure.Documents.S3StoreOptions().Region).Build();
        }
    }
}
