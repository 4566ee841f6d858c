using System.Net;
using AngleSharp.Html.Dom;
using CleanLedger.Domain.Access;
using CleanLedger.Infrastructure.Security;
using CleanLedger.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CleanLedger.Admin.Tests.Staff;

/// <summary>A member of staff enrolled at the identity provider, and the Admin user id their sign-in maps to.</summary>
public sealed record StaffMember(string Subject, string Email)
{
    public Guid UserId => PrincipalMapping.UserIdFor(OidcTestProvider.Issuer.GetLeftPart(UriPartial.Authority), Subject);

    public static async Task<StaffMember> EnrolAsync(params string[] roles)
    {
        var subject = $"staff-{Guid.NewGuid():N}";
        var staff = new StaffMember(subject, $"{subject}@cleanledger.se");
        await OidcTestProvider.EnrolStaffAsync(staff.Subject, staff.Email, roles);
        return staff;
    }

    public static Task<StaffMember> EnrolAsync(PlatformRole role) => EnrolAsync(role.Name());
}

/// <summary>What a member of staff's browser does on the Admin: sign in through the company's identity provider, keep the cookie.</summary>
public static class StaffBrowser
{
    public static HttpClient Client(StaffAdminFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = StaffAdminFactory.BaseAddress, AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Sign in → the provider's login as <paramref name="staff"/> → back at /signin-oidc; answers the Admin's answer to the callback.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, StaffMember staff)
    {
        var login = await AdminBrowser.GetPageAsync(client, "/account/login");
        var token = ((IHtmlInputElement)login.QuerySelector("form:has(#sign-in-staff) input[name=__RequestVerificationToken]")!).Value;

        var challenge = await client.PostAsync("/account/login?handler=Staff", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        challenge.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        challenge.Headers.Location!.GetLeftPart(UriPartial.Authority).ShouldBe(OidcTestProvider.Issuer.GetLeftPart(UriPartial.Authority));

        var callback = await OidcTestProvider.SignInAsync(challenge.Headers.Location!, staff.Subject);
        callback.GetLeftPart(UriPartial.Path).ShouldBe(new Uri(StaffAdminFactory.BaseAddress, "/signin-oidc").ToString());
        return await client.GetAsync(callback);
    }

    /// <summary>A new browser, signed in as a newly enrolled member of staff with <paramref name="role"/>.</summary>
    public static async Task<(HttpClient Client, StaffMember Staff)> SignedInAsync(StaffAdminFactory factory, PlatformRole role)
    {
        var client = Client(factory);
        var staff = await StaffMember.EnrolAsync(role);
        var landed = await SignInAsync(client, staff);
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
