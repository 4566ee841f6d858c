using CleanLedger.Admin.Hosting;
using CleanLedger.Infrastructure.Hosting;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace CleanLedger.Admin.Tests.Staff;

/// <summary>Where the staff identity provider must be configured, and how the Admin talks to it there.</summary>
public sealed class StaffIdentityProviderSetupTests
{
    [Theory]
    [InlineData(AppEnvironments.Staging)]
    [InlineData(AppEnvironments.Production)]
    public void Staging_and_production_refuse_to_start_an_Admin_nobody_can_sign_in_to(string environment)
    {
        var refusal = Should.Throw<InvalidOperationException>(() =>
            new ServiceCollection().AddAuthentication().AddStaffIdentityProvider(Configuration([]), new HostingEnvironment { EnvironmentName = environment }));

        refusal.Message.ShouldContain("Admin:Oidc:Authority must be set");
    }

    [Theory]
    [InlineData(AppEnvironments.Staging, "http://login.example.se/cleanledger")]
    [InlineData(AppEnvironments.Production, "http://10.0.0.7/cleanledger")]
    [InlineData(AppEnvironments.Local, "login.example.se")]
    public void A_provider_reached_over_a_network_without_https_is_refused_at_start(string environment, string authority)
    {
        var refusal = Should.Throw<InvalidOperationException>(() => new ServiceCollection().AddAuthentication()
            .AddStaffIdentityProvider(Configuration(new() { ["Admin:Oidc:Authority"] = authority }), new HostingEnvironment { EnvironmentName = environment }));

        refusal.Message.ShouldContain("Admin:Oidc:Authority must be an https address, or one on this machine");
    }

    [Fact]
    public void Local_may_do_without_it_and_sign_in_with_the_stub_alone()
    {
        var services = new ServiceCollection();
        services.AddAuthentication().AddStaffIdentityProvider(Configuration([]), new HostingEnvironment { EnvironmentName = AppEnvironments.Local });

        services.ShouldNotContain(service => service.ServiceType == typeof(OpenIdConnectHandler));
    }

    [Fact]
    public void Production_uses_the_code_flow_with_PKCE_claims_from_UserInfo_and_https_metadata_only()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAuthentication().AddStaffIdentityProvider(
            Configuration(new()
            {
                ["Admin:Oidc:Authority"] = "https://login.example.se/cleanledger",
                ["Admin:Oidc:ClientId"] = "cleanledger-admin",
                ["Admin:Oidc:ClientSecret"] = "from-secrets-manager",
                ["Admin:Oidc:Scopes:0"] = "email",
                ["Admin:Oidc:Scopes:1"] = "roles",
            }),
            new HostingEnvironment { EnvironmentName = AppEnvironments.Production });

        var options = services.BuildServiceProvider().GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(StaffIdentityProvider.Scheme);

        (options.ResponseType, options.UsePkce, options.GetClaimsFromUserInfoEndpoint, options.RequireHttpsMetadata).ShouldBe(("code", true, true, true));
        options.Scope.ShouldBe(["openid", "email", "roles"], ignoreOrder: true);
        options.SaveTokens.ShouldBeFalse();
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) => new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
