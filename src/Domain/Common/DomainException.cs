namespace CleanLedger.Domain.Common;

/// <summary>
/// A broken domain invariant. <see cref="Code"/> is stable and machine-readable; the Api maps
/// every instance to one 422 problem-details answer.
/// </summary>
public sealed class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
