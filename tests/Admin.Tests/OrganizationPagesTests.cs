using System.Net;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.CreateOrganization;
using CleanLedger.Application.Organizations.SetMemberRole;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Organizations;
using CleanLedger.Testing;

namespace CleanLedger.Admin.Tests;

/// <summary>Signing in to the Admin and listing organisations and members, on both engines.</summary>
public abstract class OrganizationPagesTests<TFactory>(TFactory factory) : IClassFixture<TFactory>, IAsyncLifetime
    where TFactory : AdminFactory
{
    private readonly TestUser _alice = TestUser.New("Alice Åkesson");
    private readonly TestUser _bob = TestUser.New("Bob Öhman");

    public Task InitializeAsync() => factory.Database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Without_signing_in_every_page_redirects_to_the_sign_in_page()
    {
        var response = await Client().GetAsync("/organizations");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/account/login");
    }

    [Fact]
    public async Task Signing_in_without_the_antiforgery_token_is_refused()
    {
        var response = await Client().PostAsync("/account/login", new FormUrlEncodedContent([]));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_signed_in_admin_sees_every_organisation_and_its_members()
    {
        var alices = await factory.App.SendAsync<OrganizationDetails>(_alice, new CreateOrganization("Åre Fjällstuga AB", "556677-8899", VatPeriod.Quarterly, "01-01"));
        await factory.App.SendAsync<OrganizationDetails>(_bob, new CreateOrganization("Bobs Bygg HB", "559900-1129", VatPeriod.Monthly, "07-01"));
        await factory.App.SendAsync<MemberDetails>(_alice, new SetMemberRole(alices.Id, _bob.Id, OrgRole.Accountant));
        var client = Client();
        await AdminBrowser.SignInAsync(client);

        var list = await AdminBrowser.GetPageAsync(client, "/organizations");
        list.QuerySelectorAll("#organizations tbody tr td:first-child").Select(cell => cell.TextContent.Trim())
            .ShouldBe(["Bobs Bygg HB", "Åre Fjällstuga AB"], ignoreOrder: true);

        var details = await AdminBrowser.GetPageAsync(client, $"/organizations/{alices.Id}");
        details.QuerySelector("h1")!.TextContent.ShouldBe("Åre Fjällstuga AB");
        details.QuerySelectorAll("#members tbody tr")
            .Select(row => (row.Children[0].TextContent.Trim(), row.Children[2].TextContent.Trim()))
            .ShouldBe([("Alice Åkesson", "owner"), ("Bob Öhman", "accountant")]);
    }

    [Fact]
    public async Task An_unknown_organisation_is_not_found()
    {
        var client = Client();
        await AdminBrowser.SignInAsync(client);

        (await client.GetAsync($"/organizations/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private HttpClient Client() => AdminBrowser.Client(factory);
}

public sealed class OrganizationPagesTestsOnPostgres(PostgresAdminFactory factory) : OrganizationPagesTests<PostgresAdminFactory>(factory);

public sealed class OrganizationPagesTestsOnSqlite(SqliteAdminFactory factory) : OrganizationPagesTests<SqliteAdminFactory>(factory);
