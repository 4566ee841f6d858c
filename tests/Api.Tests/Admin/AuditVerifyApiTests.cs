using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Application.Ledger;
using CleanLedger.Application.Ledger.Audit.ListAuditEvents;
using CleanLedger.Domain.Audit;
using CleanLedger.Testing;

namespace CleanLedger.Api.Tests.Admin;

/// <summary>GET /api/v1/admin/audit/verify over HTTP, on both engines.</summary>
public abstract class AuditVerifyApiTests<TFactory>(TFactory factory) : OwnerApiTest<TFactory>(factory)
    where TFactory : ApiFactory
{
    private readonly TestUser _staff = TestUser.Admin("Stina Support");

    [Fact]
    public async Task A_platform_admin_sees_the_chains_verify_and_then_the_tampered_row_named()
    {
        var admin = Factory.ClientFor(_staff);
        var intact = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit/verify?orgId={OrgId}");
        intact.GetProperty("verified").GetBoolean().ShouldBeTrue();
        intact.GetProperty("checked").GetInt64().ShouldBe(1);
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit/verify")).GetProperty("verified").GetBoolean().ShouldBeTrue();

        await using var app = new ApplicationHarness(Factory.Database);
        var created = (await app.SendAsync<IReadOnlyList<AuditEvent>>(Owner, new ListAuditEvents(OrgId))).Single();
        await AuditTampering.RewriteSubjectAsync(Factory.Database, "audit_events", created.Id, "organization/someone-else");

        var result = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit/verify");
        result.GetProperty("verified").GetBoolean().ShouldBeFalse();
        var broken = result.GetProperty("firstBrokenRow");
        broken.GetProperty("id").GetGuid().ShouldBe(created.Id);
        broken.GetProperty("chain").GetString().ShouldBe(AuditChain.OrgChain(OrgId));
        broken.GetProperty("position").GetInt64().ShouldBe(1);
        broken.GetProperty("expected").GetString().ShouldNotBe(broken.GetProperty("found").GetString());
    }

    [Fact]
    public async Task An_owner_who_is_not_platform_staff_is_forbidden() =>
        await (await Client.GetAsync("/api/v1/admin/audit/verify")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
}

public sealed class AuditVerifyApiTestsOnSqlite(SqliteApiFactory factory) : AuditVerifyApiTests<SqliteApiFactory>(factory);

public sealed class AuditVerifyApiTestsOnPostgres(PostgresApiFactory factory) : AuditVerifyApiTests<PostgresApiFactory>(factory);
