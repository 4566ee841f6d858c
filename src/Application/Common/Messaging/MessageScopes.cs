using CleanLedger.Domain.Access;

namespace CleanLedger.Application.Common.Messaging;

// Every command and query implements exactly one of these scopes (an architecture test enforces
// it), so a new use case cannot forget to say who may run it.

/// <summary>
/// Acts on one organisation's books. The caller must be a member of <see cref="OrgId"/> whose
/// role grants <see cref="RequiredPermission"/>; otherwise the organisation is reported as not
/// found (not a member) or forbidden (member without the permission).
/// </summary>
public interface IOrgScoped
{
    Guid OrgId { get; }

    static abstract Permissions RequiredPermission { get; }
}

/// <summary>Needs a signed-in user but no organisation (e.g. create one, or list my own).</summary>
public interface IUserScoped;

/// <summary>
/// Platform work across organisations (back office, automation). The caller's platform role must
/// grant <see cref="RequiredPermission"/>; otherwise it is forbidden.
/// </summary>
public interface IPlatformScoped
{
    static abstract PlatformPermissions RequiredPermission { get; }
}

/// <summary>
/// Runs without a signed-in caller because the message carries its own credential (a refresh
/// token, or a sign-in's state with the browser's binding); the handler touches only what that
/// credential names.
/// </summary>
public interface ICredentialScoped;
