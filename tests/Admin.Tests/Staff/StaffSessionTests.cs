using System.Net;
using CleanLedger.Admin.Hosting;
using CleanLedger.Domain.Access;

namespace CleanLedger.Admin.Tests.Staff;

/// <summary>The Admin session slides while it is used, but ends at its hard limit from sign-in however busy it is.</summary>
public sealed class StaffSessionTests(SqliteStaffAdminFactory factory) : IClassFixture<SqliteStaffAdminFactory>
{
    private static readonly StaffSessionOptions Session = new();

    /// <summary>Often enough that the idle timeout never ends the session: it slides on each time.</summary>
    private static readonly TimeSpan Busy = Session.IdleTimeout / 3 * 2;

    [Fact]
    public async Task A_session_used_all_day_slides_on_until_its_hard_limit_and_then_signs_out()
    {
        var (client, _) = await StaffBrowser.SignedInAsync(factory, PlatformRole.Operator);
        var used = TimeSpan.Zero;

        while (used + Busy < Session.AbsoluteLifetime)
        {
            factory.SessionClock.Advance(Busy);
            used += Busy;
            (await client.GetAsync("/organizations")).StatusCode.ShouldBe(HttpStatusCode.OK, $"{used} after signing in");
        }

        factory.SessionClock.Advance(Session.AbsoluteLifetime - used);
        var pastTheLimit = await client.GetAsync("/organizations");

        pastTheLimit.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        pastTheLimit.Headers.Location!.AbsolutePath.ShouldBe("/account/login");
        (await client.GetAsync("/organizations")).Headers.Location!.AbsolutePath.ShouldBe("/account/login");
    }

    [Fact]
    public async Task A_session_left_unused_past_the_idle_timeout_is_over()
    {
        var (client, _) = await StaffBrowser.SignedInAsync(factory, PlatformRole.Support);
        (await client.GetAsync("/organizations")).StatusCode.ShouldBe(HttpStatusCode.OK);

        factory.SessionClock.Advance(Session.IdleTimeout + TimeSpan.FromMinutes(1));

        (await client.GetAsync("/organizations")).Headers.Location!.AbsolutePath.ShouldBe("/account/login");
    }
}
