using CleanLedger.Domain.Access;
using CleanLedger.Infrastructure.Security;

namespace CleanLedger.Api.Hosting;

/// <summary>Who may read the metrics routes: staff whose platform role grants <see cref="PlatformPermissions.ViewMetrics"/> (operators and admins).</summary>
public static class MetricsAuthorization
{
    public const string ViewMetricsPolicy = "ViewMetrics";

    public static IServiceCollection AddMetricsAuthorization(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(ViewMetricsPolicy, policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => PrincipalMapping.StaffRoleOf(context.User) is { } role && role.Grants(PlatformPermissions.ViewMetrics)))
            .Services;
}
