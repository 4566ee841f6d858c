using CleanLedger.Application;
using CleanLedger.Application.Common.Behaviors;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Architecture.Tests;

/// <summary>The pipeline's order is what keeps a refused caller off the write lock (docs/adr/0017).</summary>
public sealed class PipelineOrderTests
{
    private static readonly Type[] Registered = new ServiceCollection().AddApplication()
        .Where(service => service.ServiceType == typeof(IPipelineBehavior<,>))
        .Select(service => service.ImplementationType!)
        .ToArray();

    [Fact]
    public void Behaviors_run_logging_validation_scoping_then_the_unit_of_work() =>
        Registered.ShouldBe(
        [
            typeof(LoggingBehavior<,>),
            typeof(ValidationBehavior<,>),
            typeof(UserScopingBehavior<,>),
            typeof(PlatformScopingBehavior<,>),
            typeof(OrgScopingBehavior<,>),
            typeof(UnitOfWorkBehavior<,>),
            typeof(OrgAccessRecheckBehavior<,>),
        ]);

    [Fact]
    public void Every_scope_check_comes_before_the_write_transaction()
    {
        var unitOfWork = Array.IndexOf(Registered, typeof(UnitOfWorkBehavior<,>));

        foreach (var scoping in Registered.Where(behavior => behavior.Name.Contains("ScopingBehavior", StringComparison.Ordinal)))
            Array.IndexOf(Registered, scoping).ShouldBeLessThan(unitOfWork, scoping.Name);
    }
}
