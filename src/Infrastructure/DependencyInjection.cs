using CleanLedger.Application.Audit;
using CleanLedger.Application.Common.Persistence;
using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Documents;
using CleanLedger.Application.Sie.ExportSie;
using CleanLedger.Application.Sie.ImportSie;
using CleanLedger.Application.Reports.GetVatReport;
using CleanLedger.Application.Reports.Pdfs;
using CleanLedger.Application.Identity.GetMe;
using CleanLedger.Application.Ledger;
using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.Invitations;
using CleanLedger.Application.Receipts;
using CleanLedger.Application.Receipts.Metrics;
using CleanLedger.Application.Staff;
using CleanLedger.Domain.Receipts;
using CleanLedger.Infrastructure.Persistence.Audit;
using CleanLedger.Infrastructure.Jobs;
using CleanLedger.Infrastructure.Receipts.Extraction;
using CleanLedger.Infrastructure.Receipts.Ocr;
using CleanLedger.Infrastructure.Persistence.Receipts;
using CleanLedger.Infrastructure.Documents;
using CleanLedger.Infrastructure.Exports.Pdf;
using CleanLedger.Infrastructure.Exports.Sie;
using CleanLedger.Infrastructure.Persistence.Sie;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Infrastructure.Persistence.Documents;
using CleanLedger.Infrastructure.Persistence.Ledger;
using CleanLedger.Infrastructure.Persistence.Reports;
using CleanLedger.Infrastructure.Persistence.Migrations;
using CleanLedger.Infrastructure.Persistence.Organizations;
using CleanLedger.Infrastructure.Persistence.Staff;
using CleanLedger.Infrastructure.Security.Identity;
using CleanLedger.Infrastructure.Security.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CleanLedger.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        TypeHandlers.Register();

        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton(_ =>
            {
                var builder = new NpgsqlDataSourceBuilder(database.ConnectionString);
                // The same few statements run on every posting: let Npgsql prepare them server-side.
                if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
                    builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
                return builder.Build();
            });
            services.AddSingleton<SqlDialect>(provider => new PostgresDialect(provider.GetRequiredService<NpgsqlDataSource>()));
        }
        else
        {
            services.AddSingleton<SqlDialect>(new SqliteDialect(database.ConnectionString));
        }

        services.AddScoped<DbSession>();
        services.AddScoped<IUnitOfWork>(provider => provider.GetRequiredService<DbSession>());

        services.AddScoped<OrganizationStore>();
        services.AddScoped<IOrganizationStore>(provider => provider.GetRequiredService<OrganizationStore>());
        services.AddScoped<IUserDirectory>(provider => provider.GetRequiredService<OrganizationStore>());
        services.AddScoped<IMembershipReader>(provider => provider.GetRequiredService<OrganizationStore>());
        services.AddScoped<IMyMembershipsReader>(provider => provider.GetRequiredService<OrganizationStore>());
        services.AddScoped<IInvitationStore, InvitationStore>();

        services.AddScoped<ChartOfAccountsStore>();
        services.AddScoped<IChartOfAccounts>(provider => provider.GetRequiredService<ChartOfAccountsStore>());
        services.AddScoped<FiscalYearStore>();
        services.AddScoped<IFiscalYearStore>(provider => provider.GetRequiredService<FiscalYearStore>());
        services.AddScoped<ILedgerStore, LedgerStore>();
        services.AddScoped<IVerificationReader, VerificationReader>();
        services.AddScoped<IPeriodStore, PeriodStore>();
        services.AddScoped<AuditChainAppender>();
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<IPlatformAudit, PlatformAudit>();
        services.AddScoped<IAuditChainReader, AuditChainReader>();
        services.AddScoped<IStaffSignInHistory, StaffSignInHistory>();
        services.AddScoped<ISieExporter, SieExporter>();
        // The engine's default first, so that a configured limit wins.
        services.AddOptions<SieReaderOptions>()
            .Configure(options => options.MaxLines = SieReaderOptions.DefaultMaxLinesOn(database.Provider))
            .BindConfiguration(SieReaderOptions.Section);
        services.AddSingleton<ISieReader, SieReader>();
        services.AddScoped<ISieImportStore, SieImportStore>();
        services.AddScoped<IAccountTotals, AccountTotals>();
        services.AddSingleton<IPdfRenderer, PdfRenderer>();

        services.AddOptions<DocumentOptions>().BindConfiguration(DocumentOptions.Section);
        var documents = configuration.GetSection(DocumentOptions.Section).Get<DocumentOptions>() ?? new DocumentOptions();
        services.AddImageBudget(configuration);
        services.AddDocumentWorkGate(configuration);
        services.AddSingleton<IDocumentInspector, FileInspector>();
        if (documents.UsesS3)
            services.AddDocumentStore<S3WormStore>();
        else
            services.AddDocumentStore<LocalWormStore>();
        if (documents.VirusScan.Enabled)
            services.AddSingleton<IVirusScanner, ClamdScanner>();
        else
            services.AddSingleton<IVirusScanner, DisabledVirusScanner>();
        services.AddScoped<IDocumentRepository, DocumentRepository>();
        services.AddScoped<IIdempotencyStore, IdempotencyStore>();
        services.AddScoped<ILegalHoldRegister, LegalHoldRegister>();

        services.AddScoped<IReceiptWorkStore, ReceiptWorkStore>();
        services.AddScoped<IVendorMemory, VendorMemoryStore>();
        services.AddScoped<IReceiptFeedback, ReceiptFeedbackStore>();
        services.AddScoped<IReceiptEvents, ReceiptEventStore>();
        services.AddMetrics();
        services.AddSingleton<ReceiptMetrics>();
        services.AddSingleton(configuration.GetSection("Receipts:Autopost").Get<ConfidenceThresholds>() ?? new ConfidenceThresholds());
        services.AddSingleton(configuration.GetSection("Receipts:Alerts").Get<AlertThresholds>() ?? new AlertThresholds());
        services.AddReceiptOcr(configuration);
        services.AddSingleton<IReceiptExtractor, HeuristicReceiptExtractor>();
        services.AddOwnTokens(configuration);
        services.AddBankIdSignIn(configuration);
        services.AddJobs(configuration, database);
        return services;
    }

    /// <summary>One store instance answers both ports: the bytes and their legal hold live in the same place.</summary>
    private static void AddDocumentStore<TStore>(this IServiceCollection services)
        where TStore : class, IDocumentStore, IDocumentLegalHold
    {
        services.AddSingleton<TStore>();
        services.AddSingleton<IDocumentStore>(provider => provider.GetRequiredService<TStore>());
        services.AddSingleton<IDocumentLegalHold>(provider => provider.GetRequiredService<TStore>());
    }

    /// <summary>Runs migrations at start-up when the environment's settings ask for it.</summary>
    public static void MigrateDatabaseIfConfigured(this IServiceProvider services)
    {
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        if (options.MigrateOnStart)
            DatabaseMigrator.Migrate(options);
    }
}
