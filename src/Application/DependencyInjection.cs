using CleanLedger.Application.Common.Behaviors;
using CleanLedger.Application.Common.Security;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<OrgContext>(ServiceLifetime.Singleton, includeInternalTypes: false);
        services.AddScoped<OrgContext>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(provider => provider.GetRequiredService<CurrentUser>());

        services.AddScoped<OrgAccess>();

        // The pipeline, outermost first: logging/tracing → validation → scoping and permission →
        // unit of work (commands) → the permission again inside the write transaction (org-scoped
        // commands) → handler. Registration order is pipeline order; a behavior whose constraint a
        // message does not meet is skipped for it. See docs/adr/0003 and 0017.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UserScopingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(PlatformScopingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(OrgScopingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnitOfWorkBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(OrgAccessRecheckBehavior<,>));
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<Ledger.Verifications.VerificationPosting>();
        services.AddScoped<Reports.GetVatReport.VatReportCalculator>();
        services.AddScoped<Sie.ImportSie.SieImportRunner>();
        return services;
    }
}
