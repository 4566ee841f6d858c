using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.CreateOrganization;
using CleanLedger.Application.Organizations.SetMemberRole;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Organizations;
using CleanLedger.Testing;

namespace CleanLedger.Application.Tests.Organizations;

/// <summary>Short ways to set up organisations and members through the real use cases.</summary>
public static class OrganizationScenarios
{
    public static Task<OrganizationDetails> CreateOrganizationAsync(this ApplicationHarness app, TestUser owner, string name = "Bokföring AB") =>
        app.SendAsync<OrganizationDetails>(owner, new CreateOrganization(name, "556677-8899", VatPeriod.Quarterly, "01-01"));

    public static Task<MemberDetails> AddMemberAsync(this ApplicationHarness app, TestUser owner, Guid orgId, TestUser member, OrgRole role) =>
        app.SendAsync<MemberDetails>(owner, new SetMemberRole(orgId, member.Id, role));
}
