using System.Reflection;
using NetArchTest.Rules;

namespace CleanLedger.Architecture.Tests;

/// <summary>Dependencies point inward only: Api/Admin → Infrastructure → Application → Domain.</summary>
public sealed class LayeringTests
{
    private static readonly Assembly Domain = typeof(Domain.Common.DomainException).Assembly;
    private static readonly Assembly Application = typeof(Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly Api = typeof(Api.Endpoints.OrganizationEndpoints).Assembly;
    private static readonly Assembly Admin = typeof(Admin.Pages.Organizations.IndexModel).Assembly;

    [Fact]
    public void Domain_references_nothing_but_the_base_library()
    {
        var sharedFramework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var referenced = Domain.GetReferencedAssemblies().Select(reference => reference.Name!).ToList();

        referenced.ShouldNotBeEmpty();
        referenced.ShouldAllBe(name => File.Exists(Path.Combine(sharedFramework, name + ".dll")));
    }

    [Theory]
    [InlineData("CleanLedger.Infrastructure")]
    [InlineData("Dapper")]
    [InlineData("Npgsql")]
    [InlineData("Microsoft.Data.Sqlite")]
    [InlineData("Hangfire")]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("FluentMigrator")]
    public void Application_does_not_reach_outward(string forbidden)
    {
        var result = Types.InAssembly(Application).ShouldNot().HaveDependencyOn(forbidden).GetResult();

        result.IsSuccessful.ShouldBeTrue(Offenders(result));
        Application.GetReferencedAssemblies().ShouldNotContain(reference => reference.Name!.StartsWith(forbidden, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Api")]
    [InlineData("Admin")]
    public void Hosts_reach_Infrastructure_only_from_their_composition_root(string host)
    {
        var assembly = host == "Api" ? Api : Admin;

        var result = Types.InAssembly(assembly)
            .That().ResideInNamespaceStartingWith($"CleanLedger.{host}.Endpoints")
            .Or().ResideInNamespaceStartingWith($"CleanLedger.{host}.Pages")
            .ShouldNot().HaveDependencyOn("CleanLedger.Infrastructure")
            .GetResult();

        result.IsSuccessful.ShouldBeTrue(Offenders(result));
    }

    [Fact]
    public void Infrastructure_does_not_reference_the_hosts()
    {
        var result = Types.InAssembly(Infrastructure).ShouldNot().HaveDependencyOnAny("CleanLedger.Api", "CleanLedger.Admin").GetResult();

        result.IsSuccessful.ShouldBeTrue(Offenders(result));
    }

    private static string Offenders(TestResult result) =>
        string.Join(", ", result.FailingTypeNames ?? []);
}
