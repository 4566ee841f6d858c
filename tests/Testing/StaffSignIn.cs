using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using CleanLedger.Domain.Access;
using CleanLedger.Infrastructure.Security;

namespace CleanLedger.Testing;

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

/// <summary>What a member of staff's browser does at the Admin's sign-in, over HTTP (cookies kept, no redirect followed).</summary>
public static class StaffSignIn
{
    /// <summary>Sign in → the provider's login as <paramref name="staff"/> → back at /signin-oidc; answers the Admin's answer to the callback.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient admin, StaffMember staff)
    {
        var login = await admin.GetAsync("/account/login");
        if (login.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"The sign-in page answered {(int)login.StatusCode}.");
        var page = await new HtmlParser().ParseDocumentAsync(await login.Content.ReadAsStringAsync());
        var token = ((IHtmlInputElement)page.QuerySelector("form:has(#sign-in-staff) input[name=__RequestVerificationToken]")!).Value;

        var challenge = await admin.PostAsync("/account/login?handler=Staff", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        if (challenge.Headers.Location is not { } provider || provider.GetLeftPart(UriPartial.Authority) != OidcTestProvider.Issuer.GetLeftPart(UriPartial.Authority))
            throw new InvalidOperationException($"The sign-in did not send the browser to the identity provider ({(int)challenge.StatusCode}).");

        var callback = await OidcTestProvider.SignInAsync(provider, staff.Subject);
        if (callback.AbsolutePath != "/signin-oidc")
            throw new InvalidOperationException($"The identity provider sent the browser to {callback}, not the Admin's callback.");
        return await admin.GetAsync(callback);
    }
}
