namespace CleanLedger.Application.Staff;

/// <summary>How the platform audit chain names a member of staff as the subject of an event.</summary>
public static class StaffSubject
{
    public static string Of(Guid staffId) => $"staff/{staffId}";
}
