namespace CleanLedger.Application.Common.Security;

/// <summary>
/// The organisation (or platform-wide scope) the current message acts in, set once by the
/// scoping behaviors. Persistence reads it to scope every statement (PostgreSQL RLS setting).
/// </summary>
public sealed class OrgContext
{
    public Guid? OrgId { get; private set; }

    public bool IsPlatformScope { get; private set; }

    public void Enter(Guid orgId)
    {
        if (OrgId is { } current && current != orgId)
            throw new InvalidOperationException($"This scope already acts for organisation {current}; it cannot switch to {orgId}.");
        OrgId = orgId;
    }

    public void EnterPlatformScope() => IsPlatformScope = true;
}
