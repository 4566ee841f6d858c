using CleanLedger.Application.Ledger;
using CleanLedger.Application.Ledger.Audit.ListAuditEvents;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.CreateOrganization;
using CleanLedger.Domain.Organizations;
using CleanLedger.Testing;

namespace CleanLedger.Admin.Tests;

/// <summary>Audit → Verify chain, on both engines.</summary>
public abstract class AuditPagesTests<TFactory>(TFactory factory) : IClassFixture<TFactory>, IAsyncLifetime
    where TFactory : AdminFactory
{
    private readonly TestUser _owner = TestUser.New("Alice Åkesson");

    public Task InitializeAsync() => factory.Database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_page_shows_a_verifying_chain_and_then_names_the_tampered_row()
    {
        var org = await factory.App.SendAsync<OrganizationDetails>(_owner, new CreateOrganization("Åre Fjällstuga AB", "556677-8899", VatPeriod.Quarterly, "01-01"));
        var client = AdminBrowser.Client(factory);
        await AdminBrowser.SignInAsync(client);

        var intact = await AdminBrowser.GetPageAsync(client, "/audit/verify");
        intact.QuerySelector("#result")!.ClassName.ShouldBe("verified");
        // The organisation's creation, and in the platform chain the sign-in: its first role grant and the sign-in itself.
        intact.QuerySelector("#checked")!.TextContent.ShouldBe("3");
        intact.QuerySelector("#broken").ShouldBeNull();

        var created = (await factory.App.SendAsync<IReadOnlyList<AuditEvent>>(_owner, new ListAuditEvents(org.Id))).Single();
        await AuditTampering.RewriteSubjectAsync(factory.Database, "audit_events", created.Id, "organization/someone-else");

        var broken = await AdminBrowser.GetPageAsync(client, $"/audit/verify?orgId={org.Id}");
        broken.QuerySelector("#result")!.ClassName.ShouldBe("broken");
        broken.QuerySelector("#broken")!.TextContent.ShouldContain(created.Id.ToString());
    }

    [Fact]
    public async Task Without_signing_in_the_page_redirects_to_the_sign_in_page()
    {
        var response = await AdminBrowser.Client(factory).GetAsync("/audit/verify");

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/account/login");
    }
}

public sealed class AuditPagesTestsOnSqlite(SqliteAdminFactory factory) : AuditPagesTests<SqliteAdminFactory>(factory);

public sealed class AuditPagesTestsOnPostgres(PostgresAdminFactory factory) : AuditPagesTests<PostgresAdminFactory>(factory);
