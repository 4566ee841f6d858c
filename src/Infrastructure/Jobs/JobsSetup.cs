using CleanLedger.Application.Receipts;
using CleanLedger.Application.Receipts.ProcessReceipt;
using CleanLedger.Application.Sie.ImportSie;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Infrastructure.Security.Tokens;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanLedger.Infrastructure.Jobs;

/// <summary>
/// Hangfire with durable storage on both engines (ADR 0011): PostgreSQL in its own schema as its own role (ADR 0017), or a
/// SQLite file beside the books for the embedded default. The job server runs in the Api unless
/// <see cref="JobOptions.Server"/> is off; the Admin shows the same storage in its dashboard.
/// </summary>
public static class JobsSetup
{
    public const string ReceiptQueue = "receipts";

    /// <summary>PostgreSQL: where Hangfire keeps its tables (the schema a migration makes for the jobs role).</summary>
    public const string PostgresSchema = "hangfire";

    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section);
        var jobs = configuration.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions();

        // The storage is this container's own (not Hangfire's process-wide JobStorage.Current), so
        // several hosts in one process (tests, Api beside Admin) never enqueue into each other's.
        services.AddSingleton<JobStorage>(_ => database.Provider == DatabaseProvider.Postgres
            ? new PostgreSqlStorage(
                new NpgsqlConnectionFactory(jobs.ConnectionString ?? database.EffectiveMigrationConnectionString, PostgresOptions(jobs)),
                PostgresOptions(jobs))
            : new SQLiteStorage(jobs.SqlitePath ?? SqliteJobFile(database.ConnectionString), new SQLiteStorageOptions { InvisibilityTimeout = jobs.InvisibilityTimeout, QueuePollInterval = jobs.PollInterval }));
        services.AddHangfire((provider, hangfire) => hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>())));

        services.AddScoped<IReceiptJobs, HangfireReceiptJobs>();
        services.AddScoped<ReceiptProcessor>();
        services.AddScoped<ProcessReceiptJob>();
        services.AddScoped<ReceiptSweepJob>();
        services.AddScoped<ISieImportJobs, HangfireSieImportJobs>();
        services.AddScoped<SieImportJob>();
        services.AddScoped<SigningKeyRotationJob>();
        if (jobs.Server)
        {
            services.AddHangfireServer((provider, server) =>
            {
                // Jobs resolve from this container, never from the process-wide JobActivator.Current.
                server.Activator = new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>());
                server.WorkerCount = Math.Max(1, jobs.Workers);
                server.Queues = [ReceiptQueue, "default"];
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
            services.AddHostedService<JobSchedule>();
        }

        return services;
    }

    private static PostgreSqlStorageOptions PostgresOptions(JobOptions jobs) =>
        // Polling, not LISTEN/NOTIFY: with long polling, workers of several storages in one process
        // (the tests' hosts) were seen waiting minutes for jobs already queued.
        new() { SchemaName = PostgresSchema, PrepareSchemaIfNecessary = true, InvisibilityTimeout = jobs.InvisibilityTimeout, QueuePollInterval = jobs.PollInterval };

    private static string SqliteJobFile(string connectionString) => new SqliteConnectionStringBuilder(connectionString).DataSource + ".jobs";
}

/// <summary>Registers the recurring sweep (run once at start too, so a crash's leftovers move on at once) and the key rotation.</summary>
internal sealed class JobSchedule(IRecurringJobManager recurring, IBackgroundJobClient jobs, IOptions<JobOptions> options, IOptions<TokenOptions> tokens) : IHostedService
{
    public const string SweepId = "receipt-sweep";
    public const string KeyRotationId = "signing-key-rotation";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<ReceiptSweepJob>(SweepId, sweep => sweep.RunAsync(CancellationToken.None), options.Value.SweepSchedule);
        jobs.Enqueue<ReceiptSweepJob>(sweep => sweep.RunAsync(CancellationToken.None));
        recurring.AddOrUpdate<SigningKeyRotationJob>(KeyRotationId, rotation => rotation.RunAsync(CancellationToken.None), tokens.Value.RotationSchedule);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
