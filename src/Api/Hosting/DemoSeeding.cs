using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Identity.GetMe;
using CleanLedger.Application.Organizations.CreateOrganization;
using CleanLedger.Domain.Organizations;
using CleanLedger.Infrastructure.Security;
using Mediator;

namespace CleanLedger.Api.Hosting;

/// <summary>
/// Where the stub user is on, makes sure it owns the demo organisation, created through the same
/// use case as any other organisation.
/// </summary>
public static class DemoSeeding
{
    public static async Task SeedDemoOrganizationAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SignIn(StubUser.Id, StubUser.DisplayName);
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var me = await sender.Send(new GetMe(), cancellationToken);
        if (me.Memberships.Count > 0)
            return;

        await using var createScope = services.CreateAsyncScope();
        createScope.ServiceProvider.GetRequiredService<CurrentUser>().SignIn(StubUser.Id, StubUser.DisplayName);
        await createScope.ServiceProvider.GetRequiredService<ISender>().Send(
            new CreateOrganization(StubUser.DemoOrganizationName, StubUser.DemoOrgNumber, VatPeriod.Quarterly, "01-01"),
            cancellationToken);
    }
}
