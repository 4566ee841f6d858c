using System.Net;
using CleanLedger.Domain.Access;
using CleanLedger.Infrastructure.Security;
using CleanLedger.Testing;

namespace CleanLedger.Admin.Tests.Staff;

/// <summary>
/// Staff sign in to the Admin at the company's identity provider (the real test OpenID Provider,
/// code flow with PKCE, claims from UserInfo); the role the provider names is the one they get,
/// and every sign-in or refusal is in the verifying platform audit chain. Both engines.
/// </summary>
public abstract class StaffSignInTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : StaffAdminFactory
{
    [Theory]
    [MemberData(nameof(StaffRoleData.StaffRoles), MemberType = typeof(StaffRoleData))]
    public async Task Staff_sign_in_at_the_identity_provider_with_their_role_and_the_chain_records_it(PlatformRole role)
    {
        var (client, staff) = await StaffBrowser.SignedInAsync(factory, role);

        var organisations = await AdminBrowser.GetPageAsync(client, "/organizations");

        organisations.QuerySelector("form.signout span")!.TextContent.ShouldBe(staff.Email);
        var signedIn = (await PlatformChain.EventsAsync(factory)).Where(row => row.Subject == $"staff/{staff.UserId}" && row.Action != "staff.role_changed").ShouldHaveSingleItem();
        (signedIn.Action, signedIn.UserId).ShouldBe(("staff.signed_in", staff.UserId));
        signedIn.Details.ShouldContain($"\"role\":\"{role.Name()}\"");
        signedIn.Details.ShouldContain($"\"email\":\"{staff.Email}\"");
        (await PlatformChain.VerifiesAsync(factory)).ShouldBeTrue();
    }

    [Fact]
    public async Task Holding_several_roles_at_the_provider_gives_the_highest_and_no_more()
    {
        var client = StaffBrowser.Client(factory);
        var staff = await StaffMember.EnrolAsync("support", "operator", "accountant");
        (await StaffSignIn.SignInAsync(client, staff)).Headers.Location!.OriginalString.ShouldBe("/organizations");

        (await client.GetAsync($"/organizations/{Guid.NewGuid()}/recover")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PlatformChain.EventsAsync(factory)).Single(row => row.Subject == $"staff/{staff.UserId}" && row.Action == "staff.signed_in").Details.ShouldContain("\"role\":\"operator\"");
    }

    [Theory]
    [MemberData(nameof(StaffRoleData.NoStaffRole), MemberType = typeof(StaffRoleData))]
    public async Task An_account_the_provider_names_no_staff_role_is_refused_a_session_and_the_refusal_recorded(string[] roles)
    {
        var client = StaffBrowser.Client(factory);
        var staff = await StaffMember.EnrolAsync(roles);

        var landed = await StaffSignIn.SignInAsync(client, staff);

        landed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        landed.Headers.Location!.OriginalString.ShouldBe("/account/denied");
        var organisations = await client.GetAsync("/organizations");
        organisations.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        organisations.Headers.Location!.AbsolutePath.ShouldBe("/account/login");
        var refused = (await PlatformChain.EventsAsync(factory)).Where(row => row.Subject == $"staff/{staff.UserId}").ShouldHaveSingleItem();
        refused.Action.ShouldBe("staff.sign_in_refused");
        (await PlatformChain.VerifiesAsync(factory)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_role_changed_at_the_provider_is_recorded_as_a_role_change_at_the_next_sign_in()
    {
        var staff = await StaffMember.EnrolAsync(PlatformRole.Support);
        await StaffSignIn.SignInAsync(StaffBrowser.Client(factory), staff);
        await StaffSignIn.SignInAsync(StaffBrowser.Client(factory), staff);
        await OidcTestProvider.EnrolStaffAsync(staff.Subject, staff.Email, PlatformRole.Operator.Name());
        await StaffSignIn.SignInAsync(StaffBrowser.Client(factory), staff);
        await OidcTestProvider.EnrolStaffAsync(staff.Subject, staff.Email);
        await StaffSignIn.SignInAsync(StaffBrowser.Client(factory), staff);

        var recorded = (await PlatformChain.EventsAsync(factory)).Where(row => row.Subject == $"staff/{staff.UserId}").ToList();

        recorded.Select(row => row.Action).ShouldBe([
            "staff.role_changed", "staff.signed_in",
            "staff.signed_in",
            "staff.role_changed", "staff.signed_in",
            "staff.role_changed", "staff.sign_in_refused",
        ]);
        var changes = recorded.Where(row => row.Action == "staff.role_changed").Select(row => row.Details).ToList();
        changes[0].ShouldContain("\"from\":null");
        changes[0].ShouldContain("\"to\":\"support\"");
        changes[1].ShouldContain("\"from\":\"support\"");
        changes[1].ShouldContain("\"to\":\"operator\"");
        changes[2].ShouldContain("\"from\":\"operator\"");
        changes[2].ShouldContain("\"to\":null");
        (await PlatformChain.VerifiesAsync(factory)).ShouldBeTrue();
    }

    [Fact]
    public async Task The_local_admin_sign_in_is_recorded_like_any_other()
    {
        await AdminBrowser.SignInAsync(StaffBrowser.Client(factory));

        var recorded = (await PlatformChain.EventsAsync(factory)).Last(row => row.Subject == $"staff/{StubUser.AdminId}");

        (recorded.Action, recorded.UserId).ShouldBe(("staff.signed_in", StubUser.AdminId));
        recorded.Details.ShouldContain("\"identityProvider\":\"local\"");
        (await PlatformChain.VerifiesAsync(factory)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_callback_with_a_foreign_state_starts_no_session_and_records_nothing()
    {
        var before = (await PlatformChain.EventsAsync(factory)).Count;
        var client = StaffBrowser.Client(factory);

        var forged = await client.GetAsync("/signin-oidc?code=stolen&state=forged");

        forged.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        forged.Headers.Location!.OriginalString.ShouldBe("/account/login?failed=true");
        (await client.GetAsync("/organizations")).Headers.Location!.AbsolutePath.ShouldBe("/account/login");
        (await PlatformChain.EventsAsync(factory)).Count.ShouldBe(before);
    }
}

public sealed class StaffSignInTestsOnPostgres(PostgresStaffAdminFactory factory) : StaffSignInTests<PostgresStaffAdminFactory>(factory);

public sealed class StaffSignInTestsOnSqlite(SqliteStaffAdminFactory factory) : StaffSignInTests<SqliteStaffAdminFactory>(factory);
