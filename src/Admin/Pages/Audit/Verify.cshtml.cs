using CleanLedger.Admin.Hosting;
using CleanLedger.Application.Audit.VerifyAuditChains;
using CleanLedger.Domain.Access;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanLedger.Admin.Pages.Audit;

/// <summary>Recomputes the audit hash chains (every chain, or one organisation's with ?orgId=) on each visit.</summary>
[RequiresPlatformPermission(PlatformPermissions.VerifyAudit)]
public sealed class VerifyModel(ISender sender) : PageModel
{
    public Guid? OrgId { get; private set; }

    public AuditVerification Result { get; private set; } = null!;

    public async Task OnGetAsync(Guid? orgId, CancellationToken cancellationToken)
    {
        OrgId = orgId;
        Result = await sender.Send(new VerifyAuditChains(orgId), cancellationToken);
    }
}
