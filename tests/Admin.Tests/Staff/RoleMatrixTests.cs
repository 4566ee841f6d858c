using System.Net;
using System.Reflection;
using CleanLedger.Admin.Hosting;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.CreateOrganization;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Organizations;
using CleanLedger.Infrastructure.Jobs;
using CleanLedger.Testing;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Admin.Tests.Staff;

/// <summary>
/// Least privilege in the Admin: which platform role sees which page, for every page the Admin
/// serves (a new page fails here until it joins the matrix), each declaring its permission.
/// </summary>
public sealed class RoleMatrixTests(SqliteStaffAdminFactory factory) : IClassFixture<SqliteStaffAdminFactory>
{
    private const PlatformRole Support = PlatformRole.Support;
    private const PlatformRole Operator = PlatformRole.Operator;
    private const PlatformRole Admin = PlatformRole.Admin;

    /// <summary>Every route the Admin serves to staff (the route as declared → a request of it, and the roles that see it).</summary>
    private static readonly IReadOnlyDictionary<string, (string Path, PlatformRole[] SeenBy)> Matrix = new Dictionary<string, (string, PlatformRole[])>
    {
        ["/"] = ("/", [Support, Operator, Admin]),
        ["/Index"] = ("/Index", [Support, Operator, Admin]),
        ["/organizations"] = ("/organizations", [Support, Operator, Admin]),
        ["/organizations/{orgId:guid}"] = ("/organizations/{org}", [Support, Operator, Admin]),
        ["/organizations/{orgId:guid}/recover"] = ("/organizations/{org}/recover", [Admin]),
        ["/audit/verify"] = ("/audit/verify", [Support, Operator, Admin]),
        ["/jobs/{**path}"] = ("/jobs", [Support, Operator, Admin]),
    };

    /// <summary>Where nobody is signed in yet: signing in, out, the refusal and the error page.</summary>
    private static readonly string[] Anonymous = ["/account/login", "/account/logout", "/account/denied", "/error"];

    [Fact]
    public void The_matrix_covers_every_route_the_Admin_serves()
    {
        var served = Routes().Select(route => route.Pattern).ToHashSet();

        served.Order().ShouldBe(Matrix.Keys.Concat(Anonymous).Order());
    }

    [Fact]
    public async Task Every_page_declares_the_platform_permission_it_needs_or_that_it_is_for_signing_in()
    {
        var loader = factory.Services.GetRequiredService<PageLoader>();
        foreach (var (pattern, endpoint) in Routes())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page)
            {
                endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().ShouldContain(data => data.Policy != null && data.Policy.StartsWith("platform:"), pattern);
                continue;
            }

            var handler = (await loader.LoadAsync(page, endpoint.Metadata)).HandlerTypeInfo;
            var declared = handler.GetCustomAttribute<RequiresPlatformPermissionAttribute>() is not null;
            var forSigningIn = handler.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
            (declared ^ forSigningIn).ShouldBeTrue($"{pattern} ({handler.Name}) must declare [RequiresPlatformPermission] or, for signing in, [AllowAnonymous].");
            forSigningIn.ShouldBe(Anonymous.Contains(pattern), pattern);
        }
    }

    [Theory]
    [MemberData(nameof(StaffRoleData.StaffRoles), MemberType = typeof(StaffRoleData))]
    public async Task Each_role_sees_exactly_the_pages_of_the_matrix(PlatformRole role)
    {
        var org = await OrganizationAsync();
        var (client, _) = await StaffBrowser.SignedInAsync(factory, role);

        foreach (var (path, seenBy) in Matrix.Values)
        {
            var response = await client.GetAsync(path.Replace("{org}", org.Id.ToString()));

            if (seenBy.Contains(role))
                response.StatusCode.ShouldBeOneOf([HttpStatusCode.OK, HttpStatusCode.Redirect], $"{role} should see {path}");
            else
                response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{role} should not see {path}");
            if (response.StatusCode == HttpStatusCode.Redirect)
                response.Headers.Location!.OriginalString.ShouldBe("/organizations", $"{path} sends {role} on to the organisations, not to sign in");
        }
    }

    [Fact]
    public async Task Without_signing_in_every_page_redirects_to_sign_in()
    {
        var org = await OrganizationAsync();
        var client = StaffBrowser.Client(factory);

        foreach (var (path, _) in Matrix.Values.Append(("/jobs/jobs/failed", [])).Append(("/jobs/recurring", [])))
        {
            var response = await client.GetAsync(path.Replace("{org}", org.Id.ToString()));

            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, path);
            response.Headers.Location!.AbsolutePath.ShouldBe("/account/login", path);
        }
    }

    [Fact]
    public async Task Support_sees_the_jobs_dashboard_without_its_buttons_an_operator_with_them()
    {
        var orgId = Guid.NewGuid();
        var job = factory.Services.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<ProcessReceiptJob>(receipt => receipt.RunAsync(orgId, Guid.NewGuid(), null, CancellationToken.None));
        var (support, _) = await StaffBrowser.SignedInAsync(factory, Support);
        var (@operator, _) = await StaffBrowser.SignedInAsync(factory, Operator);

        var seenBySupport = await AdminBrowser.GetPageAsync(support, $"/jobs/jobs/details/{job}");
        var seenByOperator = await AdminBrowser.GetPageAsync(@operator, $"/jobs/jobs/details/{job}");

        seenBySupport.QuerySelector($"[data-ajax$='/jobs/actions/requeue/{job}']").ShouldBeNull();
        seenByOperator.QuerySelector($"[data-ajax$='/jobs/actions/requeue/{job}']").ShouldNotBeNull();
    }

    private IEnumerable<(string Pattern, RouteEndpoint Endpoint)> Routes() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(endpoint => ("/" + endpoint.RoutePattern.RawText!.TrimStart('/'), endpoint));

    private Task<OrganizationDetails> OrganizationAsync() =>
        factory.App.SendAsync<OrganizationDetails>(TestUser.New("Olle Ägare"), new CreateOrganization("Matris AB", "556677-8899", VatPeriod.Quarterly, "01-01"));
}
