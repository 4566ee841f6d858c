using CleanLedger.Application.Audit;
using CleanLedger.Application.Audit.VerifyAuditChains;
using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Ledger;
using CleanLedger.Application.Ledger.Audit.ListAuditEvents;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.CreateOrganization;
using CleanLedger.Domain.Audit;
using CleanLedger.Domain.Organizations;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Infrastructure.Tests.Persistence;

/// <summary>The audit log's hash chains: appended in order under concurrency, verified, and a tampered row named.</summary>
public abstract class AuditChainTests<TFixture>(TFixture fixture) : DatabaseTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    private const int ParallelAppends = 30;
    private readonly TestUser _owner = TestUser.New("Olle Ägare");
    private readonly TestUser _staff = TestUser.Admin("Stina Support");

    [Fact]
    public async Task The_untampered_chains_of_several_organisations_and_the_platform_verify()
    {
        var (orgA, orgB) = (await CreateOrganizationAsync("Alfa AB"), await CreateOrganizationAsync("Beta AB"));
        await RecordAsync(orgA.Id, "account.added");
        await RecordAsync(orgB.Id, "period.locked");
        await RecordPlatformAsync(_staff, "staff.signed_in");
        await RecordPlatformAsync(user: null, "refresh_token.reused");

        var result = await VerifyAsync();

        result.ShouldBe(new AuditVerification(Verified: true, Checked: 6, FirstBrokenRow: null));
        (await VerifyAsync(orgA.Id)).Checked.ShouldBe(2);
    }

    [Fact]
    public async Task Tampering_with_one_organisation_row_names_exactly_that_row_and_leaves_other_chains_verifying()
    {
        var (orgA, orgB) = (await CreateOrganizationAsync("Alfa AB"), await CreateOrganizationAsync("Beta AB"));
        foreach (var action in new[] { "account.added", "period.locked", "vat.filed" })
            await RecordAsync(orgA.Id, action);
        var rows = await App.SendAsync<IReadOnlyList<AuditEvent>>(_owner, new ListAuditEvents(orgA.Id));
        var tampered = rows.Single(row => row.Action == "period.locked");

        await AuditTampering.RewriteSubjectAsync(App.Database, "audit_events", tampered.Id, "period/2026-01");

        var result = await VerifyAsync(orgA.Id);
        result.Verified.ShouldBeFalse();
        result.Checked.ShouldBe(3);
        var broken = result.FirstBrokenRow.ShouldNotBeNull();
        (broken.Id, broken.Chain, broken.Position).ShouldBe((tampered.Id, AuditChain.OrgChain(orgA.Id), 3L));
        broken.Found.ShouldNotBe(broken.Expected);
        (await VerifyAsync()).FirstBrokenRow!.Id.ShouldBe(tampered.Id);
        (await VerifyAsync(orgB.Id)).Verified.ShouldBeTrue();
    }

    [Fact]
    public async Task Tampering_with_a_platform_row_names_it()
    {
        await RecordPlatformAsync(_staff, "staff.signed_in");
        await RecordPlatformAsync(_staff, "signing_key.rotated");
        var id = await PlatformRowIdAsync(position: 2);

        await AuditTampering.RewriteSubjectAsync(App.Database, "platform_audit_events", id, "signing-key/other");

        var broken = (await VerifyAsync()).FirstBrokenRow.ShouldNotBeNull();
        (broken.Id, broken.Chain, broken.Position).ShouldBe((id, AuditChain.PlatformChain, 2L));
    }

    [Fact]
    public async Task Concurrent_appends_to_one_chain_each_get_their_own_place_and_the_chain_verifies()
    {
        var org = await CreateOrganizationAsync("Samtidig AB");

        await Task.WhenAll(Enumerable.Range(1, ParallelAppends).Select(i => RecordAsync(org.Id, $"parallel.{i}")));
        await Task.WhenAll(Enumerable.Range(1, ParallelAppends).Select(i => RecordPlatformAsync(_staff, $"parallel.{i}")));

        (await VerifyAsync()).ShouldBe(new AuditVerification(Verified: true, Checked: 1 + 2 * ParallelAppends, FirstBrokenRow: null));
    }

    [Fact]
    public async Task Only_a_platform_admin_may_verify()
    {
        var org = await CreateOrganizationAsync("Alfa AB");

        await Should.ThrowAsync<ForbiddenException>(() => App.SendAsync<AuditVerification>(_owner, new VerifyAuditChains(org.Id)));
        await Should.ThrowAsync<UnauthenticatedException>(() => App.SendAsync<AuditVerification>(null, new VerifyAuditChains()));
    }

    private Task<OrganizationDetails> CreateOrganizationAsync(string name) =>
        App.SendAsync<OrganizationDetails>(_owner, new CreateOrganization(name, "556677-8899", VatPeriod.Monthly, "01-01"));

    private Task<AuditVerification> VerifyAsync(Guid? orgId = null) =>
        App.SendAsync<AuditVerification>(_staff, new VerifyAuditChains(orgId));

    private Task RecordAsync(Guid orgId, string action) =>
        InWriteScopeAsync(_owner, orgId, services => services.GetRequiredService<IAuditTrail>().RecordAsync(orgId, action, "subject", new { action }, CancellationToken.None));

    private Task RecordPlatformAsync(TestUser? user, string action) =>
        InWriteScopeAsync(user, orgId: null, services => services.GetRequiredService<IPlatformAudit>().RecordAsync(action, "subject", new { action }, CancellationToken.None));

    // As a command's unit of work does it: the write transaction, the append, the commit.
    private async Task InWriteScopeAsync(TestUser? user, Guid? orgId, Func<IServiceProvider, Task> append)
    {
        await using var scope = App.Services.CreateAsyncScope();
        if (user is not null)
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SignIn(user.Id, user.Name, user.PlatformRole);
        var orgContext = scope.ServiceProvider.GetRequiredService<OrgContext>();
        if (orgId is { } org)
            orgContext.Enter(org);
        else
            orgContext.EnterPlatformScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await session.BeginAsync(CancellationToken.None);
        await append(scope.ServiceProvider);
        await session.CommitAsync(CancellationToken.None);
    }

    private async Task<Guid> PlatformRowIdAsync(long position)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        return (await session.QueryAsync<Guid>("SELECT id FROM platform_audit_events WHERE chain_position = @position", new { position }, CancellationToken.None)).Single();
    }
}

public sealed class AuditChainTestsOnSqlite(SqliteFixture fixture) : AuditChainTests<SqliteFixture>(fixture);

public sealed class AuditChainTestsOnPostgres(PostgresFixture fixture) : AuditChainTests<PostgresFixture>(fixture);
