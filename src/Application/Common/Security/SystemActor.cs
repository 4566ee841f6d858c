using CleanLedger.Domain.Access;

namespace CleanLedger.Application.Common.Security;

/// <summary>
/// Who background jobs act as: the platform's own automation. It signs in with the automation
/// role (no membership to check; only what the jobs need, see <see cref="PlatformRolePermissions"/>)
/// but each message still enters exactly one organisation, so every statement stays scoped to it
/// (and RLS binds it on PostgreSQL). Its postings are attributed to this id.
/// </summary>
public static class SystemActor
{
    public static readonly Guid AutomationId = new("5e1f0000-0000-4000-8000-0000000a0707");

    public const string AutomationName = "CleanLedger automation";

    public static void SignInAutomation(this CurrentUser user) => user.SignIn(AutomationId, AutomationName, PlatformRole.Automation);
}
