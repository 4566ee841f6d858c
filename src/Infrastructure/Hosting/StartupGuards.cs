using CleanLedger.Infrastructure.Documents;
using CleanLedger.Infrastructure.Hosting.Secrets;
using CleanLedger.Infrastructure.Jobs;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Infrastructure.Security.Identity;
using CleanLedger.Infrastructure.Security.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CleanLedger.Infrastructure.Hosting;

/// <summary>
/// Refuses to start a host whose settings break its environment's policy, naming each setting.
/// Development shortcuts (stub user, SQLite, any-origin or loopback CORS, dev keys, no issuer of our own tokens) are for
/// local/test/ci only.
/// </summary>
public static class StartupGuards
{
    public static IReadOnlyList<string> Violations(IHostEnvironment environment, IConfiguration configuration)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var cors = configuration.GetSection(CorsOptions.Section).Get<CorsOptions>() ?? new CorsOptions();
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var documents = configuration.GetSection(DocumentOptions.Section).Get<DocumentOptions>() ?? new DocumentOptions();
        var known = environment.EnvironmentName is AppEnvironments.Local or AppEnvironments.Test or AppEnvironments.Ci
            or AppEnvironments.Staging or AppEnvironments.Production;

        var violations = new List<string>();
        if (documents.UsesS3)
            violations.AddRange(documents.S3.Violations());
        if (!known)
            violations.Add($"Environment '{environment.EnvironmentName}' is unknown: use local, test, ci, staging or production.");
        if (environment.AllowsDevelopmentShortcuts())
            return violations;

        if (auth.StubUser)
            violations.Add("Auth:StubUser must be false: requests without a token would act as the stub user.");
        if (!Uri.TryCreate(auth.Issuer, UriKind.Absolute, out var issuer) || issuer.Scheme != Uri.UriSchemeHttps)
            violations.Add("Auth:Issuer must be this Api's https address: it issues and validates its own access tokens.");
        violations.AddRange(TokenKeyViolations(configuration.GetSection(TokenOptions.Section).Get<TokenOptions>() ?? new TokenOptions()));
        violations.AddRange(BankIdOptions.Violations(configuration));
        if (!string.IsNullOrWhiteSpace(auth.DevSigningKey))
            violations.Add("Auth:DevSigningKey must be empty: locally signed tokens are for local/test/ci.");
        if (!string.IsNullOrWhiteSpace(auth.DevSigningKeyFile))
            violations.Add("Auth:DevSigningKeyFile must be empty: locally signed tokens are for local/test/ci.");
        if (database.Provider != DatabaseProvider.Postgres)
            violations.Add("Database:Provider must be Postgres: SQLite is the embedded local default only.");
        else
            violations.AddRange(JobStorageViolations(database, configuration.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions()));
        if (!documents.UsesS3)
            violations.Add("Documents:Store must be s3: documents are kept in an Object Lock bucket outside local/test/ci.");
        if (!documents.VirusScan.Enabled)
            violations.Add("Documents:VirusScan:Enabled must be true: uploads are scanned outside local/test/ci.");
        if (cors.AllowsAnyOrigin)
            violations.Add("Cors:AllowedOrigins must list origins: '*' (any origin) is for local/test/ci.");
        if (cors.AllowLoopbackOrigins)
            violations.Add("Cors:AllowLoopbackOrigins must be false: origins on the server's own machine are for local/test/ci.");
        violations.AddRange(SecretSettings.InConfigurationFiles(configuration));
        return violations;
    }

    // The signing keys' private halves are encrypted by the key ring; the ring itself must survive
    // restarts and be encrypted at rest (docs/adr/0019).
    private static IEnumerable<string> TokenKeyViolations(TokenOptions tokens)
    {
        if (string.IsNullOrWhiteSpace(tokens.KeyRingPath))
            yield return "Auth:Tokens:KeyRingPath must name where the Data Protection key ring is kept: an in-memory ring loses the signing keys at restart.";
        if (string.IsNullOrWhiteSpace(tokens.KeyRingCertificatePath))
            yield return "Auth:Tokens:KeyRingCertificatePath must name the certificate that encrypts the key ring at rest.";
        if (tokens.PublishBeforeUse <= tokens.PublishedKeysCacheLifetime)
            yield return "Auth:Tokens:PublishBeforeUse must exceed PublishedKeysCacheLifetime: a host could meet a key it has not read yet.";
    }

    // The job storage must not hold the tables' owner's credentials: the owner bypasses RLS and may
    // lift the immutability triggers (docs/adr/0017).
    private static IEnumerable<string> JobStorageViolations(DatabaseOptions database, JobOptions jobs)
    {
        if (string.IsNullOrWhiteSpace(jobs.ConnectionString))
        {
            yield return "Jobs:ConnectionString must connect as the jobs role: without it the job storage would connect as the tables' owner.";
            yield break;
        }

        var jobsUser = new NpgsqlConnectionStringBuilder(jobs.ConnectionString).Username;
        if (string.Equals(jobsUser, new NpgsqlConnectionStringBuilder(database.EffectiveMigrationConnectionString).Username, StringComparison.Ordinal))
            yield return $"Jobs:ConnectionString must not connect as '{jobsUser}', the tables' owner: use the jobs role ({database.JobsRole}).";
    }

    public static void EnsureSafe(IHostEnvironment environment, IConfiguration configuration)
    {
        var violations = Violations(environment, configuration);
        if (violations.Count > 0)
        {
            throw new InvalidOperationException(
                $"CleanLedger refuses to start in '{environment.EnvironmentName}':{Environment.NewLine}- "
                + string.Join($"{Environment.NewLine}- ", violations));
        }
    }
}
