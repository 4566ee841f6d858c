namespace CleanLedger.Domain.Access;

/// <summary>
/// What someone may do on the platform as a whole, outside any membership: back-office staff
/// (support, operator, admin, each including the one before) and the platform's own automation.
/// </summary>
public enum PlatformRole
{
    Support,
    Operator,
    Admin,
    Automation,
}
