using System.Net;
using CleanLedger.Domain.Access;
using CleanLedger.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CleanLedger.Admin.Tests.Staff;

/// <summary>What a member of staff's browser does on the Admin: sign in through the company's identity provider, keep the cookie.</summary>
public static class StaffBrowser
{
    public static HttpClient Client(StaffAdminFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = StaffAdminFactory.BaseAddress, AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A new browser, signed in as a newly enrolled member of staff with <paramref name="role"/>.</summary>
    public static async Task<(HttpClient Client, StaffMember Staff)> SignedInAsync(StaffAdminFactory factory, PlatformRole role)
    {
        var client = Client(factory);
        var staff = await StaffMember.EnrolAsync(role);
        var landed = await StaffSignIn.SignInAsync(client, staff);
        landed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        landed.Headers.Location!.OriginalString.ShouldBe("/organizations");
        return (client, staff);
    }
}

public static class StaffRoleData
{
    public static TheoryData<PlatformRole> StaffRoles() => new(PlatformRoleNames.StaffRoles);

    /// <summary>Role names a provider may give that grant no staff role here: none, or only others' (automation is never granted by name).</summary>
    public static TheoryData<string[]> NoStaffRole() => new([], ["accountant", "automation"]);
}
